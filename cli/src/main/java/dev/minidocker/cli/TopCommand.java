package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker top CONTAINER [ps OPTIONS]}: the host's {@code ps} (options {@code -ef} by
 * default) cut to the processes in the container's cgroup, as Docker's daemon does, in a table of
 * columns at least 20 wide as Docker's CLI prints it.
 */
final class TopCommand implements CodedCommand {
    private static final int COLUMN_WIDTH = 20;

    String container;
    final List<String> psOptions = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "top", "Display the running processes of a container.");
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        spec.addPositional(positionals("1..*", "0..*", "ps OPTIONS", null, psOptions));
        spec.parser().unmatchedOptionsArePositionalParams(true);
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException, IOException,
            InterruptedException {
        ContainerRecord c = context.container(container);
        if (!Lifecycle.running(c)) {
            throw new CliException("Container " + c.id() + " is not running");
        }
        Set<Long> pids = new HashSet<>(context.cgroup(c).pids());
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(psOptions.isEmpty() ? List.of("-ef") : psOptions);
        Process ps = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ps.waitFor() != 0) {
            throw new CliException("ps: " + output.strip().lines().findFirst().orElse("failed"));
        }
        List<String[]> rows = processes(output, pids);
        Table table = new Table(COLUMN_WIDTH, rows.getFirst());
        rows.subList(1, rows.size()).forEach(table::add);
        table.print(context.out);
        return ExitCodes.OK;
    }

    /**
     * The titles of ps' output and the rows of {@code pids}, the last column holding the rest of a
     * line (the command and its arguments); a thread's row ({@code -} as its PID, with {@code -m})
     * follows its process's.
     */
    static List<String[]> processes(String output, Set<Long> pids) throws CliException {
        List<String> lines = output.lines().toList();
        String[] titles = lines.isEmpty() ? new String[0] : lines.getFirst().strip().split("\\s+");
        int pid = List.of(titles).indexOf("PID");
        if (pid < 0) {
            throw new CliException("Couldn't find PID field in ps output");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(titles);
        boolean previousShown = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\\s+", titles.length);
            if (line.isBlank() || fields.length <= pid) {
                continue;
            }
            boolean shown;
            if (fields[pid].equals("-")) {
                shown = previousShown;
            } else {
                try {
                    shown = pids.contains(Long.parseLong(fields[pid]));
                } catch (NumberFormatException e) {
                    throw new CliException("Unexpected pid '" + fields[pid] + "': " + e.getMessage());
                }
                previousShown = shown;
            }
            if (shown) {
                rows.add(fields);
            }
        }
        return rows;
    }
}
