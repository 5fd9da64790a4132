package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.ContainerStats;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.Starter;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker stats [-a] [--no-stream] [--no-trunc] [--format F] [CONTAINER...]}: each
 * container's use of CPU, memory, network, block I/O and processes, from its cgroup (see
 * {@link ContainerStats}); redrawn every second until interrupted, or printed once with
 * {@code --no-stream}, a second after the first reading, as Docker's.
 */
final class StatsCommand implements CodedCommand {
    private static final long INTERVAL_MILLIS = 1000;
    /** ANSI: clear the screen and go to its top left, before each redraw. */
    private static final String CLEAR = "\033[2J\033[H";

    boolean all;
    boolean noStream;
    boolean noTrunc;
    final FormatOption format = new FormatOption();
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "stats", "Display a live stream of container(s) resource usage statistics.");
        spec.addOption(flag("Show all containers (default shows just running)", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Disable streaming stats and only pull the first result", v -> noStream = v, "--no-stream"));
        spec.addOption(flag("Do not truncate output", v -> noTrunc = v, "--no-trunc"));
        format.addTo(spec);
        spec.addPositional(positionals("0..*", "0..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        Starter starter = context.starter(false);
        Lifecycle lifecycle = context.lifecycle();
        long hostMemory = ContainerStats.hostMemory();
        Map<String, ContainerStats.Reading> before = read(starter, lifecycle, shown(context));
        while (true) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OK;
            }
            List<ContainerRecord> shown = shown(context);
            Map<String, ContainerStats.Reading> now = read(starter, lifecycle, shown);
            List<ObjectNode> rows = new ArrayList<>();
            for (ContainerRecord c : shown) {
                ContainerStats.Reading was = before.get(c.id());
                ContainerStats.Reading is = now.get(c.id());
                rows.add(row(c, is == null ? ContainerStats.NONE
                        : ContainerStats.between(was == null ? is : was, is, hostMemory)));
            }
            if (!noStream && format.isTable()) {
                context.out.print(CLEAR);
            }
            print(context, rows);
            if (noStream) {
                return ExitCodes.OK;
            }
            before = now;
        }
    }

    /** The containers named, each looked up again (a name may now be another's), else the running ones (all with -a). */
    private List<ContainerRecord> shown(Context context) throws StoreException, CliException {
        List<ContainerRecord> shown = new ArrayList<>();
        if (!containers.isEmpty()) {
            for (String name : containers) {
                shown.add(context.container(name));
            }
            return shown;
        }
        for (ContainerRecord c : context.store().containers().list().records()) {
            if (all || Lifecycle.running(c)) {
                shown.add(c);
            }
        }
        shown.sort((a, b) -> b.created().compareTo(a.created()));
        return shown;
    }

    private static Map<String, ContainerStats.Reading> read(Starter starter, Lifecycle lifecycle,
            List<ContainerRecord> shown) throws LaunchException {
        Map<String, ContainerStats.Reading> readings = new HashMap<>();
        for (ContainerRecord c : shown) {
            if (Lifecycle.running(c)) {
                readings.put(c.id(), ContainerStats.read(starter.cgroup(c.id()), lifecycle.init(c)));
            }
        }
        return readings;
    }

    /** Docker's fields of a line, as its templates name them. */
    private ObjectNode row(ContainerRecord c, ContainerStats s) {
        ObjectNode row = DockerJson.object();
        row.put("BlockIO", HumanSize.format(s.blockRead()) + " / " + HumanSize.format(s.blockWrite()));
        row.put("CPUPerc", percent(s.cpuPercent()));
        row.put("Container", noTrunc ? c.id() : c.shortId());
        row.put("ID", noTrunc ? c.id() : c.shortId());
        row.put("MemPerc", percent(s.memoryPercent()));
        row.put("MemUsage", HumanSize.binary(s.memoryBytes()) + " / " + HumanSize.binary(s.memoryLimit()));
        row.put("Name", c.name());
        row.put("NetIO", HumanSize.format(s.netRx()) + " / " + HumanSize.format(s.netTx()));
        row.put("PIDs", Long.toString(s.pids()));
        return row;
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }

    private void print(Context context, List<ObjectNode> rows) throws CliException {
        if (format.isTable()) {
            Table table = new Table("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O",
                    "BLOCK I/O", "PIDS");
            for (ObjectNode r : rows) {
                table.addFields(r, "ID", "Name", "CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDs");
            }
            table.print(context.out);
        } else {
            GoTemplate template = format.template();
            for (ObjectNode r : rows) {
                context.out.println(template.apply(r));
            }
        }
        context.out.flush();
    }
}
