package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code minidocker}: the front command. Errors become one line and Docker's exit status. */
@Command(name = "minidocker", mixinStandardHelpOptions = true, version = "minidocker 0.1.0",
        description = "A small, readable container engine.")
public final class Main implements ContextSource {
    /**
     * The commands, made on demand: picocli reads the annotations of every command it is given, and
     * {@code run}'s dozens of options cost start-up that {@code images} should not pay.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();
    @Mixin
    GlobalOptions options = new GlobalOptions();

    private final EarlyRun early;
    private Context context;

    Main(EarlyRun early) {
        this.early = early;
    }

    @Override
    public Context context() {
        if (context == null) {
            context = new Context(options, System.out, System.err, early);
        }
        return context;
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand::new);
        commands.put("run-command", RunInDirectoryCommand::new);
        commands.put("pull", PullCommand::new);
        commands.put("images", ImagesCommand::new);
        commands.put("rmi", RmiCommand::new);
        commands.put("image", ImageCommand::new);
        commands.put("create", CreateCommand::new);
        commands.put("start", StartCommand::new);
        commands.put("exec", ExecCommand::new);
        commands.put("ps", PsCommand::new);
        commands.put("inspect", ContainerInspectCommand::new);
        commands.put("stop", StopCommand::new);
        commands.put("restart", RestartCommand::new);
        commands.put("kill", KillCommand::new);
        commands.put("wait", WaitCommand::new);
        commands.put("logs", LogsCommand::new);
        commands.put("rm", RmCommand::new);
        commands.put("rename", RenameCommand::new);
        commands.put("container", ContainerCommand::new);
        commands.put("system", SystemCommand::new);
        commands.put("login", LoginCommand::new);
        commands.put("logout", LogoutCommand::new);
        return commands;
    }

    public static void main(String[] args) {
        EarlyRun early = EarlyRun.begin(args);
        int status;
        try {
            status = run(new Main(early), "minidocker", args);
        } finally {
            if (early != null) {
                // Not adopted (a parse error, --help, a failure before the run): nothing may be left.
                early.abandonUnlessAdopted();
            }
        }
        System.exit(status);
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

    /** Runs a command line; a failure prints {@code <name>: <message>} on stderr. */
    static int run(Object command, String name, String[] args) {
        CommandLine cli = new CommandLine(command);
        if (command instanceof Main) {
            Supplier<Object> wanted = COMMANDS.get(commandWord(args));
            if (wanted != null) {
                cli.addSubcommand(commandWord(args), wanted.get());
            } else {
                COMMANDS.forEach((word, make) -> cli.addSubcommand(word, make.get()));
            }
        }
        // Everything after the image (run-command's CMD, exec's container) belongs to the container, flags too.
        for (String sub : java.util.List.of("run", "run-command", "create", "exec")) {
            if (cli.getSubcommands().containsKey(sub)) {
                cli.getSubcommands().get(sub).setStopAtPositional(true);
            }
        }
        if (cli.getSubcommands().containsKey("image")) {
            ImageCommand.addDockerNames(cli.getSubcommands().get("image"));
        }
        if (cli.getSubcommands().containsKey("container")) {
            ContainerCommand.addDockerNames(cli.getSubcommands().get("container"));
        }
        PrintStream err = System.err;
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(name + ": " + e.getMessage());
            err.println("See '" + name + " --help'.");
            return ExitCodes.ENGINE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = command instanceof Main m ? m.options.debug : command instanceof PullerMain p && p.options.debug;
            if (debug) {
                e.printStackTrace(err);
            }
            err.println(name + ": " + message(e));
            return exitCode(e);
        });
        return cli.execute(args);
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
