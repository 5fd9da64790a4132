package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.PullException;
import dev.minidocker.store.StoreException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code minidocker}: the front command. Errors become one line and Docker's exit status. */
@Command(name = "minidocker", mixinStandardHelpOptions = true, version = "minidocker 0.1.0",
        description = "A small, readable container engine.",
        subcommands = {RunCommand.class, RunInDirectoryCommand.class, PullCommand.class, ImagesCommand.class, RmiCommand.class, ImageCommand.class,
            LoginCommand.class, LogoutCommand.class})
public final class Main implements ContextSource {
    @Mixin
    GlobalOptions options = new GlobalOptions();

    private Context context;

    @Override
    public Context context() {
        if (context == null) {
            context = new Context(options, System.out, System.err);
        }
        return context;
    }

    public static void main(String[] args) {
        System.exit(run(new Main(), "minidocker", args));
    }

    /** Runs a command line; a failure prints {@code <name>: <message>} on stderr. */
    static int run(Object command, String name, String[] args) {
        CommandLine cli = new CommandLine(command);
        // Everything after the image (or run-command's CMD) belongs to the container, flags too.
        for (String sub : java.util.List.of("run", "run-command")) {
            if (cli.getSubcommands().containsKey(sub)) {
                cli.getSubcommands().get(sub).setStopAtPositional(true);
            }
        }
        if (cli.getSubcommands().containsKey("image")) {
            ImageCommand.addDockerNames(cli.getSubcommands().get("image"));
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
