package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker}: the front command. Errors become one line and Docker's exit status. Its own
 * model (the global options) is declared in code, as is {@code run}'s (see {@link CodedOptions}).
 */
public final class Main implements ContextSource {
    /**
     * The commands, made on demand: picocli reads the annotations of every command it is given, and
     * {@code run}'s dozens of options cost start-up that {@code images} should not pay. Each is an
     * annotated command object or a model declared in code.
     */
    private static final Map<String, Function<Main, Object>> COMMANDS = commands();
    final GlobalOptions options = new GlobalOptions();

    private final EarlyStartGuess early;
    private Context context;

    Main(EarlyStartGuess early) {
        this.early = early;
    }

    @Override
    public Context context() {
        if (context == null) {
            context = new Context(options, System.out, System.err, early);
        }
        return context;
    }

    private static Map<String, Function<Main, Object>> commands() {
        Map<String, Function<Main, Object>> commands = new LinkedHashMap<>();
        commands.put("run", main -> new RunCommand(main).spec());
        commands.put("run-command", main -> new RunInDirectoryCommand(main).spec());
        commands.put("pull", main -> new PullCommand());
        commands.put("images", main -> new ImagesCommand());
        commands.put("rmi", main -> new RmiCommand());
        commands.put("image", main -> new ImageCommand());
        commands.put("create", main -> new CreateCommand(main).spec());
        commands.put("start", main -> new StartCommand());
        commands.put("exec", main -> new ExecCommand(main).spec());
        commands.put("ps", main -> new PsCommand());
        commands.put("inspect", main -> new ContainerInspectCommand());
        commands.put("stop", main -> new StopCommand());
        commands.put("restart", main -> new RestartCommand());
        commands.put("kill", main -> new KillCommand());
        commands.put("wait", main -> new WaitCommand());
        commands.put("logs", main -> new LogsCommand());
        commands.put("port", main -> new PortCommand(main).spec());
        commands.put("rm", main -> new RmCommand());
        commands.put("rename", main -> new RenameCommand());
        commands.put("container", main -> new ContainerCommand());
        commands.put("system", main -> new SystemCommand());
        commands.put("network", main -> new NetworkCommand());
        commands.put("login", main -> new LoginCommand());
        commands.put("logout", main -> new LogoutCommand());
        return commands;
    }

    /** The command line of {@code minidocker}, with the subcommand that {@code args} name, or all of them. */
    CommandLine commandLine(String[] args) {
        CommandSpec spec = CodedOptions.command(this, "minidocker", "A small, readable container engine.")
                .version("minidocker 0.1.0");
        CodedOptions.helpOptions(spec, true, true);
        options.addTo(spec);
        CommandLine cli = new CommandLine(spec);
        Function<Main, Object> wanted = COMMANDS.get(commandWord(args));
        if (wanted != null) {
            cli.addSubcommand(commandWord(args), wanted.apply(this));
        } else {
            COMMANDS.forEach((word, make) -> cli.addSubcommand(word, make.apply(this)));
        }
        // Everything after the image (run-command's CMD, exec's container) belongs to the container, flags too.
        for (String sub : List.of("run", "run-command", "create", "exec")) {
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
        if (cli.getSubcommands().containsKey("network")) {
            NetworkCommand.addDockerNames(cli.getSubcommands().get("network"));
        }
        return cli;
    }

    public static void main(String[] args) {
        EarlyStartGuess early = EarlyStartGuess.begin(args);
        int status;
        try {
            Main main = new Main(early);
            status = run(main.commandLine(args), "minidocker", main.options, args);
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

    /** Runs a command line; a failure prints {@code <name>: <message>} on stderr (and its stack with --debug). */
    static int run(CommandLine cli, String name, GlobalOptions options, String[] args) {
        PrintStream err = System.err;
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(name + ": " + e.getMessage());
            err.println("See '" + name + " --help'.");
            return ExitCodes.ENGINE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (options.debug) {
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
