package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker}: the front command. Errors become one line and Docker's exit status. Every
 * command's model is declared in code (see {@link CodedOptions} for how to add one).
 */
public final class Main {
    /** minidocker's version: the client's and the engine's, one program. */
    static final String RELEASE = "0.1.0";
    static final String VERSION = "minidocker " + RELEASE;

    /** Every command, in the order the usage lists them; a group's own under it, by Docker's names. */
    private static final Subcommands COMMANDS = new Subcommands()
            .add("run", RunCommand::new)
            .add("run-command", RunInDirectoryCommand::new)
            .add("pull", PullCommand::new)
            .add("images", ImagesCommand::new)
            .add("rmi", RmiCommand::new)
            .add("tag", TagCommand::new)
            .add("history", HistoryCommand::new)
            .group("image", "Manage images.", new Subcommands()
                    .add("ls", ImagesCommand::new, "list")
                    .add("rm", RmiCommand::new, "remove")
                    .add("pull", PullCommand::new)
                    .add("inspect", ImageInspectCommand::new)
                    .add("tag", TagCommand::new)
                    .add("history", HistoryCommand::new)
                    .add("prune", ImagePruneCommand::new)
                    .add("mount", ImageMountCommand::new)
                    .add("unmount", ImageUnmountCommand::new, "umount"))
            .add("ps", PsCommand::new)
            .add("rm", RmCommand::new)
            .add("port", PortCommand::new)
            .add("inspect", () -> new ContainerInspectCommand(true))
            .also(Main::containerCommands)
            .group("container", "Manage containers.", new Subcommands()
                    .add("ls", PsCommand::new, "list", "ps")
                    .add("rm", RmCommand::new, "remove")
                    .add("inspect", () -> new ContainerInspectCommand(false))
                    .also(Main::containerCommands)
                    .add("prune", ContainerPruneCommand::new)
                    .add("port", PortCommand::new)
                    .add("cleanup", ContainerCleanupCommand::new))
            .group("system", "Manage minidocker.", new Subcommands()
                    .add("df", SystemDfCommand::new)
                    .add("info", InfoCommand::new)
                    .add("prune", SystemPruneCommand::new))
            .group("network", "Manage networks.", new Subcommands()
                    .add("create", NetworkCreateCommand::new)
                    .add("ls", NetworkLsCommand::new, "list")
                    .add("inspect", NetworkInspectCommand::new)
                    .add("rm", NetworkRmCommand::new, "remove")
                    .add("prune", NetworkPruneCommand::new)
                    .add("connect", NetworkConnectCommand::connect)
                    .add("disconnect", NetworkConnectCommand::disconnect))
            .group("volume", "Manage volumes.", new Subcommands()
                    .add("create", VolumeCreateCommand::new)
                    .add("ls", VolumeLsCommand::new, "list")
                    .add("inspect", VolumeInspectCommand::new)
                    .add("rm", VolumeRmCommand::new, "remove")
                    .add("prune", VolumePruneCommand::new))
            .add("version", VersionCommand::new)
            .add("info", InfoCommand::new)
            .add("login", LoginCommand::new)
            .add("logout", LogoutCommand::new)
            .add("completion", CompletionCommand::new);

    /** The commands on containers that Docker has both at the top and under {@code container}. */
    private static Subcommands containerCommands(Subcommands commands) {
        return commands.add("create", CreateCommand::new)
                .add("start", StartCommand::new)
                .add("exec", ExecCommand::new)
                .add("stop", StopCommand::new)
                .add("restart", RestartCommand::new)
                .add("kill", KillCommand::new)
                .add("wait", WaitCommand::new)
                .add("logs", LogsCommand::new)
                .add("rename", RenameCommand::new)
                .add("cp", CpCommand::new)
                .add("diff", DiffCommand::new)
                .add("top", TopCommand::new)
                .add("stats", StatsCommand::new)
                .add("update", UpdateCommand::new)
                .add("pause", () -> new PauseCommand(true))
                .add("unpause", () -> new PauseCommand(false));
    }

    final GlobalOptions options = new GlobalOptions();

    private final EarlyStartGuess early;
    private Context context;

    Main(EarlyStartGuess early) {
        this.early = early;
    }

    private Context context() {
        if (context == null) {
            context = new Context(options, System.out, System.err, early);
        }
        return context;
    }

    /** The command line of {@code minidocker}, with the command that {@code args} name, or all of them. */
    CommandLine commandLine(String[] args) {
        CommandSpec spec = CodedOptions.command(this, "minidocker", "A small, readable container engine.")
                .version(VERSION);
        spec.addOption(CodedOptions.versionOption());
        options.addTo(spec);
        String word = commandWord(args);
        // The usage lists every command; --version and a missing command need none.
        if (word != null || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            COMMANDS.addTo(spec, word);
        }
        return new CommandLine(spec);
    }

    /** The command line with every command: what completion scripts and man pages describe. */
    public static CommandLine everyCommand() {
        return new Main(null).commandLine(new String[] {"--help"});
    }

    /**
     * Halts rather than exits: {@code exit} logs itself to the system logger, whose first use reads
     * every jar on the module path for a logger service. Nothing of minidocker's is left for a
     * shutdown hook once a command has returned (a raw terminal is restored before it returns).
     */
    public static void main(String[] args) {
        int status = execute(args);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** The command {@code args} name, run; its exit status. */
    static int execute(String[] args) {
        String word = commandWord(args);
        if (word == null && !asksHelpOrVersion(args)) {
            // Bare minidocker: the usage, on stderr and with success, as Docker's.
            new Main(null).commandLine(new String[] {"--help"}).usage(System.err);
            return ExitCodes.OK;
        }
        if ("help".equals(word)) {
            return help(args);
        }
        if (word != null && !COMMANDS.has(word)) {
            System.err.println("minidocker: '" + word + "' is not a minidocker command.");
            System.err.println("See 'minidocker --help'");
            return ExitCodes.FAILURE;
        }
        EarlyStartGuess early = EarlyStartGuess.begin(args);
        try {
            Main main = new Main(early);
            return run(main.commandLine(args), "minidocker", main.options, main::context, args);
        } finally {
            if (early != null) {
                // Not adopted (a parse error, --help, a failure before the run): nothing may be left.
                early.abandonUnlessAdopted();
            }
        }
    }

    /** {@code help}: the usage on stdout; {@code help COMMAND...}: that command's, as {@code COMMAND... --help}. */
    private static int help(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove(commandIndex(args));
        if (commandWord(rest.toArray(String[]::new)) == null) {
            new Main(null).commandLine(new String[] {"--help"}).usage(System.out);
            return ExitCodes.OK;
        }
        rest.add("--help");
        return execute(rest.toArray(String[]::new));
    }

    private static boolean asksHelpOrVersion(String[] args) {
        return List.of(args).stream().anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version")
                || a.equals("-V"));
    }

    /** The command word: the first argument that is neither a global option nor its value. */
    static String commandWord(String[] args) {
        int i = commandIndex(args);
        return i < 0 ? null : args[i];
    }

    /** Where the command word is in {@code args}, or -1. */
    static int commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root") || args[i].equals("--insecure-registry")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Runs a command line: the command parsed last, with {@code context}. A failure prints
     * {@code <name>: <message>} on stderr (and its stack with --debug).
     */
    static int run(CommandLine cli, String name, GlobalOptions options, Supplier<Context> context, String[] args) {
        PrintStream err = System.err;
        cli.setExecutionStrategy(parsed -> execute(parsed, context));
        cli.setParameterExceptionHandler((e, a) -> UsageErrors.report(e, name, err));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (options.debug) {
                e.printStackTrace(err);
            }
            err.println(name + ": " + message(e));
            return exitCode(e);
        });
        return cli.execute(args);
    }

    /** Help and version as picocli prints them; else the command, which a group alone is not. */
    private static int execute(ParseResult parsed, Supplier<Context> context) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        CommandLine last = parsed.asCommandLineList().getLast();
        if (!(last.getCommand() instanceof CodedCommand command)) {
            // A group named alone (minidocker image): its usage, as Docker's.
            last.usage(System.err);
            return ExitCodes.OK;
        }
        try {
            return command.call(context.get());
        } catch (Exception e) {
            throw new ExecutionException(last, last.getCommandName() + ": " + e.getMessage(), e);
        }
    }

    private static String message(Exception e) {
        if (e instanceof CliException || e instanceof PullException || e instanceof StoreException
                || e instanceof LaunchException) {
            return e.getMessage();
        }
        return "unexpected error: " + e;
    }

    private static int exitCode(Exception e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof PullException || e instanceof StoreException || e instanceof LaunchException) {
            return ExitCodes.FAILURE;
        }
        return ExitCodes.ENGINE;
    }
}
