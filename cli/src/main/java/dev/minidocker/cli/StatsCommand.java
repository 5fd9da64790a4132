package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.cgroup.CgroupUsage;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker stats [CONTAINER...]}: Docker's table of what running containers use, from their
 * cgroup files (v1 and v2): CPU % (the container's CPU time over the host's in the same interval,
 * times the CPUs, as Docker's CLI computes it), MEM USAGE / LIMIT (the host's memory when there is
 * no limit), MEM %, NET I/O (none: containers have no network of their own yet), BLOCK I/O, PIDS.
 * Redrawn every second until interrupted; {@code --no-stream} prints one table.
 */
final class StatsCommand implements CodedCommand {
    private static final long INTERVAL_MILLIS = 1000;
    private static final long NANOS_PER_TICK = 10_000_000;
    private static final String CLEAR = "\033[2J\033[H";

    boolean all;
    boolean noStream;
    boolean noTrunc;
    final List<String> containers = new ArrayList<>();
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "stats", "Display a live stream of container(s) resource usage "
                + "statistics.");
        spec.addOption(flag("Show all containers (default shows just running).", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Disable streaming stats and only pull the first result.", v -> noStream = v,
                "--no-stream"));
        spec.addOption(flag("Do not truncate output.", v -> noTrunc = v, "--no-trunc"));
        format.addTo(spec);
        spec.addPositional(positionals("0..*", "0..*", "CONTAINER", null, containers));
        return spec;
    }

    private static FormatOption.Layout layout() {
        return new FormatOption.Layout("*formatter.statsContext", FormatOption.Layout.titles("ID", "CONTAINER ID",
                "Name", "NAME", "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO",
                "NET I/O", "BlockIO", "BLOCK I/O", "PIDs", "PIDS", "Container", "CONTAINER"),
                List.of("ID", "Name", "CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDs"));
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException, IOException,
            InterruptedException {
        List<ContainerRecord> shown = new ArrayList<>();
        List<String> given = new ArrayList<>();
        if (containers.isEmpty()) {
            for (ContainerRecord c : context.store().containers().listed().records()) {
                if (all || Lifecycle.running(c)) {
                    shown.add(c);
                    given.add(noTrunc ? c.id() : c.shortId());
                }
            }
        } else {
            for (String name : containers) {
                shown.add(context.container(name));
                given.add(name);
            }
        }
        long memory = HostFacts.read().memory();
        List<CgroupUsage> before = usages(context, shown);
        long hostBefore = hostCpuNanos();
        do {
            Thread.sleep(INTERVAL_MILLIS);
            List<CgroupUsage> now = usages(context, shown);
            long hostNow = hostCpuNanos();
            List<ObjectNode> rows = new ArrayList<>();
            for (int i = 0; i < shown.size(); i++) {
                rows.add(row(shown.get(i), given.get(i), before.get(i), now.get(i), hostNow - hostBefore, memory));
            }
            if (!noStream) {
                context.out.print(CLEAR);
            }
            format.print(context.out, layout(), rows);
            context.out.flush();
            before = now;
            hostBefore = hostNow;
        } while (!noStream);
        return ExitCodes.OK;
    }

    /** Each container's usage now; null for one that does not run. */
    private static List<CgroupUsage> usages(Context context, List<ContainerRecord> shown) throws LaunchException {
        List<CgroupUsage> usages = new ArrayList<>();
        for (ContainerRecord c : shown) {
            usages.add(Lifecycle.running(c) ? context.cgroup(c).usage() : null);
        }
        return usages;
    }

    private ObjectNode row(ContainerRecord c, String given, CgroupUsage before, CgroupUsage now, long hostDelta,
            long hostMemory) {
        ObjectNode row = DockerJson.object();
        row.put("BlockIO", now == null ? "0B / 0B"
                : HumanSize.format(now.blockRead()) + " / " + HumanSize.format(now.blockWrite()));
        row.put("CPUPerc", now == null ? "0.00%" : percent(cpu(before, now, hostDelta)));
        row.put("Container", given);
        row.put("ID", noTrunc ? c.id() : c.shortId());
        long limit = now == null ? 0 : now.memoryLimit() == 0 || now.memoryLimit() > hostMemory ? hostMemory
                : now.memoryLimit();
        row.put("MemPerc", now == null || limit == 0 ? "0.00%" : percent(100.0 * now.memory() / limit));
        row.put("MemUsage", now == null ? "0B / 0B"
                : HostFacts.binarySize(now.memory()) + " / " + HostFacts.binarySize(limit));
        row.put("Name", c.name());
        row.put("NetIO", "0B / 0B");
        row.put("PIDs", now == null ? "0" : Long.toString(now.pids()));
        return row;
    }

    /** Docker's CPU %: the container's share of the host's CPU time in the interval, times the CPUs. */
    static double cpu(CgroupUsage before, CgroupUsage now, long hostDelta) {
        if (before == null || hostDelta <= 0) {
            return 0;
        }
        long delta = now.cpuNanos() - before.cpuNanos();
        return delta <= 0 ? 0 : 100.0 * delta / hostDelta * Runtime.getRuntime().availableProcessors();
    }

    /** Two decimals and a percent sign, as Docker's "0.03%". */
    static String percent(double value) {
        long hundredths = Math.round(value * 100);
        return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100 + "%";
    }

    /** The host's CPU time (every CPU, every state) from /proc/stat's first line, in nanoseconds. */
    static long hostCpuNanos() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
        return hostCpuNanos(line);
    }

    static long hostCpuNanos(String cpuLine) {
        String[] words = cpuLine.trim().split("\\s+");
        long ticks = 0;
        // user nice system idle iowait irq softirq steal: guest times are in user's already.
        for (int i = 1; i < Math.min(words.length, 9); i++) {
            ticks += Long.parseLong(words[i]);
        }
        return ticks * NANOS_PER_TICK;
    }
}
