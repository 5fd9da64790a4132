package dev.minidocker.launcher.cgroup;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A container's limits in Docker's units, checked and completed as Docker's daemon does when it
 * creates a container: made by {@link #of} when the options are parsed, so that {@code create -m 1k}
 * is refused at once, not when the container starts.
 *
 * @param memoryBytes     {@code --memory}; 0 = unlimited
 * @param memorySwapBytes {@code --memory-swap}, memory plus swap: twice the memory unless given, -1 = unlimited;
 *                        0 (no memory limit, or a record that predates the default) also means twice the memory
 * @param nanoCpus        {@code --cpus} in billionths of a CPU (1.5 = 1_500_000_000); 0 = unlimited
 * @param cpuShares       {@code --cpu-shares}; 0 = the default (1024)
 * @param pidsLimit       {@code --pids-limit}; 0 = unset, -1 = unlimited
 */
public record Resources(long memoryBytes, long memorySwapBytes, long nanoCpus, long cpuShares, long pidsLimit) {
    /** The CFS period Docker uses for {@code --cpus}, in microseconds. */
    public static final long CPU_PERIOD_MICROS = 100_000;
    private static final long MIN_MEMORY = 6L * 1024 * 1024;
    private static final long MIN_NANO_CPUS = 10_000_000;

    public static Resources none() {
        return new Resources(0, 0, 0, 0, 0);
    }

    /** Docker's {@code --cpus 1.5} as nano CPUs. */
    public static long nanoCpus(double cpus) {
        return Math.round(cpus * 1e9);
    }

    /**
     * The limits asked for, refused in Docker's words where Docker refuses them, with Docker's
     * defaults filled in: memory plus swap twice the memory, any negative pids limit unlimited.
     */
    public static Resources of(long memoryBytes, long memorySwapBytes, long nanoCpus, long cpuShares, long pidsLimit)
            throws LaunchException {
        if (memoryBytes < 0 || memorySwapBytes < -1) {
            throw new LaunchException("invalid memory limit: " + (memoryBytes < 0 ? memoryBytes : memorySwapBytes));
        }
        if (memoryBytes > 0 && memoryBytes < MIN_MEMORY) {
            throw new LaunchException("Minimum memory limit allowed is 6MB");
        }
        if (memoryBytes > 0 && memorySwapBytes > 0 && memorySwapBytes < memoryBytes) {
            throw new LaunchException("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (memoryBytes == 0 && memorySwapBytes > 0) {
            throw new LaunchException("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (nanoCpus != 0) {
            int cpus = Runtime.getRuntime().availableProcessors();
            if (nanoCpus < MIN_NANO_CPUS || nanoCpus > cpus * 1_000_000_000L) {
                throw new LaunchException("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus
                        + " CPUs available");
            }
        }
        if (cpuShares < 0) {
            throw new LaunchException("invalid CPU shares " + cpuShares + ": shares cannot be negative");
        }
        long swap = memoryBytes > 0 && memorySwapBytes == 0 ? 2 * memoryBytes : memorySwapBytes;
        return new Resources(memoryBytes, swap, nanoCpus, cpuShares, pidsLimit < 0 ? -1 : pidsLimit);
    }

    /**
     * These limits with those {@code update} was given (null: not given), checked as {@link #of}
     * checks them. A memory limit alone keeps an unlimited swap unlimited, moves Docker's default
     * (twice the memory) along, and may not pass a swap limit set before, as Docker's daemon rules;
     * a pids limit of 0 or less means none.
     */
    public Resources updated(Long memory, Long memorySwap, Long cpus, Long shares, Long pids) throws LaunchException {
        long newMemory = memory == null ? memoryBytes : memory;
        long newSwap;
        if (memorySwap != null) {
            newSwap = memorySwap;
        } else if (memory == null || memorySwapBytes == -1) {
            newSwap = memorySwapBytes;
        } else if (memoryBytes == 0 || memorySwapBytes == 0 || memorySwapBytes == 2 * memoryBytes) {
            newSwap = 0;
        } else if (newMemory > memorySwapBytes) {
            throw new LaunchException("Memory limit should be smaller than already set memoryswap limit, update the "
                    + "memoryswap at the same time");
        } else {
            newSwap = memorySwapBytes;
        }
        long newPids = pids == null ? pidsLimit : pids <= 0 ? -1 : pids;
        return of(newMemory, newSwap, cpus == null ? nanoCpus : cpus, shares == null ? cpuShares : shares, newPids);
    }

    /**
     * Refuses limits whose controller {@code offered} lacks; {@code which} ends the message: "--cpus needs
     * the cpu controller, which this host's cgroup v2 root does not offer".
     */
    void requireControllers(Set<String> offered, String which) throws LaunchException {
        require(memoryBytes > 0, "--memory", "memory", offered, which);
        require(nanoCpus > 0, "--cpus", "cpu", offered, which);
        require(cpuShares > 0, "--cpu-shares", "cpu", offered, which);
        require(pidsLimit > 0, "--pids-limit", "pids", offered, which);
    }

    private static void require(boolean set, String flag, String controller, Set<String> offered, String which)
            throws LaunchException {
        if (set && !offered.contains(controller)) {
            throw new LaunchException("cgroup: " + flag + " needs the " + controller + " controller, which " + which);
        }
    }

    /**
     * A swap limit other than Docker's default (twice the memory) needs swap accounting ({@code file});
     * the default goes without, as Docker's does.
     */
    void requireSwapAccounting(Path file) throws LaunchException {
        if (memorySwapBytes > 0 && memorySwapBytes != 2 * memoryBytes && !Files.exists(file)) {
            throw new LaunchException("cgroup: --memory-swap needs swap accounting, which this host's kernel "
                    + "does not offer (no `" + file + "`)");
        }
    }

    /** Memory plus swap, -1 for unlimited; Docker's default is twice the memory. Meaningful when memory is set. */
    public long memoryAndSwap() {
        return memorySwapBytes == 0 ? 2 * memoryBytes : memorySwapBytes;
    }

    /** The CFS quota per {@link #CPU_PERIOD_MICROS}; 0 when {@code --cpus} is unset. */
    public long cpuQuotaMicros() {
        return nanoCpus * CPU_PERIOD_MICROS / 1_000_000_000L;
    }

    /** cgroup v2's cpu.weight (1..10000) for the v1 shares (2..262144), as runc converts; 0 when unset. */
    long cpuWeight() {
        if (cpuShares == 0) {
            return 0;
        }
        long shares = Math.clamp(cpuShares, 2, 262_144);
        return 1 + ((shares - 2) * 9999) / 262_142;
    }

    /** pids.max's value: a number, "max" for -1, null when unset. */
    String pidsMax() {
        return pidsLimit == -1 ? "max" : pidsLimit > 0 ? Long.toString(pidsLimit) : null;
    }
}
