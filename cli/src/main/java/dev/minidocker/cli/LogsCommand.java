package dev.minidocker.cli;

import dev.minidocker.launcher.ContainerDirs;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.logs.JsonLogReader;
import dev.minidocker.launcher.logs.LogPrinter;
import dev.minidocker.launcher.logs.LogQuery;
import dev.minidocker.launcher.logs.LogTime;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker logs}: what a container wrote, from its json-file log, stdout entries on
 * stdout and stderr entries on stderr; with {@code -f}, what it writes next, until it stops.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Fetch the logs of a container.")
final class LogsCommand implements Callable<Integer> {
    private static final int BUFFER = 64 * 1024;

    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--follow"}, description = "Follow log output.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all",
            description = "Number of lines to show from the end of the logs (default all).")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Show logs since a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).")
    String until;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws CliException, StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        ContainerRecord c = context.container(container);
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        LogQuery query = new LogQuery(LogQuery.tail(tail),
                since == null || since.isEmpty() ? null : LogTime.parse(since, now, zone),
                // Docker's daemon takes an until of "0" for none.
                until == null || until.isEmpty() || until.equals("0") ? null : LogTime.parse(until, now, zone));
        Path log = new ContainerDirs(c.id(), context.store().containers().dir(c.id())).jsonLog();
        // As Docker: a container that does not run when asked is not followed.
        boolean followed = follow && Lifecycle.running(c);
        LogPrinter printer = new LogPrinter(stream(FileDescriptor.out), stream(FileDescriptor.err), timestamps);
        JsonLogReader.read(log, query, printer, () -> followed && Lifecycle.running(c));
        return ExitCodes.OK;
    }

    /** The descriptor itself, not System.out: a PrintStream would hide a closed pipe, and a follower would go on. */
    private static OutputStream stream(FileDescriptor fd) {
        return new BufferedOutputStream(new FileOutputStream(fd), BUFFER);
    }
}
