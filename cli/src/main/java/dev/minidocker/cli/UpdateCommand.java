package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker update [-m BYTES] [--memory-swap BYTES] [--cpus N] [-c N] [--pids-limit N]
 * CONTAINER...}: new limits, checked as {@code run}'s are, for running containers at once (their
 * cgroup) and for all in their record and spec; prints each container as named, as Docker's.
 */
final class UpdateCommand implements CodedCommand {
    String memory;
    String memorySwap;
    Double cpus;
    Long cpuShares;
    Long pidsLimit;
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "update", "Update configuration of one or more containers.");
        spec.addOption(value(String.class, "BYTES", "Memory limit (e.g. 16m, 1g).", v -> memory = v, "-m", "--memory"));
        spec.addOption(value(String.class, "BYTES", "Memory plus swap (-1 for unlimited swap).", v -> memorySwap = v,
                "--memory-swap"));
        spec.addOption(value(Double.class, "N", "Number of CPUs (e.g. 0.5; 0 for no limit).", v -> cpus = v, "--cpus"));
        spec.addOption(value(Long.class, "N", "CPU shares (relative weight).", v -> cpuShares = v, "-c",
                "--cpu-shares"));
        spec.addOption(value(Long.class, "N", "Limit the number of processes (0 or -1 for unlimited).",
                v -> pidsLimit = v, "--pids-limit"));
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        if (memory == null && memorySwap == null && cpus == null && cpuShares == null && pidsLimit == null) {
            throw new CliException("You must provide one or more flags when using this command.");
        }
        Long mem = memory == null ? null : ByteSizes.parse("--memory", memory);
        Long swap = memorySwap == null ? null
                : memorySwap.equals("-1") ? -1L : ByteSizes.parse("--memory-swap", memorySwap);
        Long nanoCpus = cpus == null ? null : Resources.nanoCpus(cpus);
        if (nanoCpus != null && nanoCpus < 0) {
            throw new CliException("invalid argument \"" + cpus + "\" for \"--cpus\" flag: the number of CPUs may not be negative");
        }
        Lifecycle lifecycle = context.lifecycle();
        int status = ExitCodes.OK;
        for (String name : containers) {
            try {
                ContainerRecord c = context.container(name);
                Resources now = Resources.of(c.hostConfig().memory(), c.hostConfig().memorySwap(),
                        c.hostConfig().nanoCpus(), c.hostConfig().cpuShares(), c.hostConfig().pidsLimit());
                lifecycle.update(c, now.updated(mem, swap, nanoCpus, cpuShares, pidsLimit));
                context.out.println(name);
            } catch (CliException | LaunchException e) {
                context.err.println("minidocker: Cannot update container " + name + ": " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
