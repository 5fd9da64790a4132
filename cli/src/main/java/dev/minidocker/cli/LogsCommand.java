package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.value;

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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker logs}: what a container wrote, from its json-file log, stdout entries on
 * stdout and stderr entries on stderr; with {@code -f}, what it writes next, until it stops.
 */
final class LogsCommand implements CodedCommand {
    private static final int BUFFER = 64 * 1024;

    boolean follow;
    String tail = "all";
    boolean timestamps;
    String since;
    String until;
    String container;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "logs", "Fetch the logs of a container.");
        spec.addOption(flag("Follow log output.", v -> follow = v, "-f", "--follow"));
        spec.addOption(value(String.class, "N", "Number of lines to show from the end of the logs (default all).",
                v -> tail = v, "-n", "--tail"));
        spec.addOption(flag("Show timestamps.", v -> timestamps = v, "-t", "--timestamps"));
        spec.addOption(value(String.class, "TIME",
                "Show logs since a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).",
                v -> since = v, "--since"));
        spec.addOption(value(String.class, "TIME",
                "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).",
                v -> until = v, "--until"));
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, StoreException, LaunchException, InterruptedException {
        ContainerRecord c = context.container(container);
        Instant now = Instant.now();
        LogQuery query = new LogQuery(LogQuery.tail(tail),
                since == null || since.isEmpty() ? null : time(since, now),
                // Docker's daemon takes an until of "0" for none.
                until == null || until.isEmpty() || until.equals("0") ? null : time(until, now));
        Path log = new ContainerDirs(c.id(), context.store().containers().dir(c.id())).jsonLog();
        // As Docker: a container that does not run when asked is not followed.
        boolean followed = follow && Lifecycle.running(c);
        LogPrinter printer = new LogPrinter(stream(FileDescriptor.out), stream(FileDescriptor.err), timestamps);
        JsonLogReader.read(log, query, printer, () -> followed && Lifecycle.running(c));
        return ExitCodes.OK;
    }

    /** The descriptor itself, not System.out: a PrintStream would hide a closed pipe, and a follower would go on. */
    /** --since or --until: the machine's time zone is looked up only then (reading the JDK's zone rules). */
    private static Instant time(String value, Instant now) throws LaunchException {
        return LogTime.parse(value, now, ZoneId.systemDefault());
    }

    private static OutputStream stream(FileDescriptor fd) {
        return new BufferedOutputStream(new FileOutputStream(fd), BUFFER);
    }
}
