package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.ProcessTable;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker top CONTAINER [ps OPTIONS]}: the container's processes, as the host's ps shows them. */
final class TopCommand implements CodedCommand {
    private static final int MIN_WIDTH = 20;

    String container;
    final List<String> psOptions = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "top", "Display the running processes of a container.");
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        spec.addPositional(positionals("1..*", "0..*", "ps OPTIONS", null, psOptions));
        spec.parser().stopAtPositional(true);
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        ContainerRecord c = context.container(container);
        if (!Lifecycle.running(c)) {
            throw new CliException("Container " + c.id() + " is not running");
        }
        ProcessTable table = ProcessTable.of(new HashSet<>(context.starter(false).cgroup(c.id()).pids()),
                psOptions.isEmpty() ? "-ef" : String.join(" ", psOptions));
        Table out = new Table(MIN_WIDTH, table.titles().toArray(String[]::new));
        for (List<String> process : table.processes()) {
            String[] row = new String[table.titles().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = i < process.size() ? process.get(i) : "";
            }
            out.add(row);
        }
        out.print(context.out);
        return ExitCodes.OK;
    }
}
