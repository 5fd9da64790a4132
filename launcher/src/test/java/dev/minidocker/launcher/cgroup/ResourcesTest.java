package dev.minidocker.launcher.cgroup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    private static final long MB = 1024 * 1024;

    private static Resources cpus(double cpus) {
        return new Resources(0, 0, Resources.nanoCpus(cpus), 0, 0);
    }

    private static Resources shares(long shares) {
        return new Resources(0, 0, 0, shares, 0);
    }

    private static String refusal(long memory, long swap, long nanoCpus, long shares) {
        return assertThrows(LaunchException.class, () -> Resources.of(memory, swap, nanoCpus, shares, 0)).getMessage();
    }

    @Test
    void cpusBecomeAQuotaPerHundredMilliseconds() {
        assertEquals(1_500_000_000L, Resources.nanoCpus(1.5));
        assertEquals(150_000, cpus(1.5).cpuQuotaMicros());
        assertEquals(50_000, cpus(0.5).cpuQuotaMicros());
        assertEquals(1_000, cpus(0.01).cpuQuotaMicros());
        assertEquals(0, Resources.none().cpuQuotaMicros());
    }

    @Test
    void sharesBecomeAWeightAsRuncConvertsThem() {
        assertEquals(39, shares(1024).cpuWeight());
        assertEquals(1, shares(2).cpuWeight());
        assertEquals(10_000, shares(262_144).cpuWeight());
        assertEquals(1, shares(1).cpuWeight(), "below the kernel's minimum, clamped");
        assertEquals(10_000, shares(1_000_000).cpuWeight(), "above the kernel's maximum, clamped");
        assertEquals(0, Resources.none().cpuWeight());
    }

    @Test
    void memoryAndSwapDefaultsToTwiceTheMemory() {
        assertEquals(32 * MB, new Resources(16 * MB, 0, 0, 0, 0).memoryAndSwap());
        assertEquals(20 * MB, new Resources(16 * MB, 20 * MB, 0, 0, 0).memoryAndSwap());
        assertEquals(-1, new Resources(16 * MB, -1, 0, 0, 0).memoryAndSwap());
    }

    @Test
    void pidsMaxIsANumberMaxOrUnset() {
        assertEquals("64", new Resources(0, 0, 0, 0, 64).pidsMax());
        assertEquals("max", new Resources(0, 0, 0, 0, -1).pidsMax());
        assertNull(Resources.none().pidsMax());
    }

    @Test
    void refusesWhatDockerRefusesInItsWords() {
        int cpus = Runtime.getRuntime().availableProcessors();
        String range = "Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus + " CPUs available";
        assertEquals("Minimum memory limit allowed is 6MB", refusal(1024, 0, 0, 0));
        assertEquals("Minimum memory limit allowed is 6MB", refusal(4 * MB, 0, 0, 0));
        assertEquals("You should always set the Memory limit when using Memoryswap limit, see usage",
                refusal(0, 64 * MB, 0, 0));
        assertEquals("Minimum memoryswap limit should be larger than memory limit, see usage",
                refusal(64 * MB, 32 * MB, 0, 0));
        assertEquals(range, refusal(0, 0, Resources.nanoCpus(0.001), 0));
        assertEquals(range, refusal(0, 0, Resources.nanoCpus(cpus + 1), 0));
        assertEquals("invalid CPU shares -2: shares cannot be negative", refusal(0, 0, 0, -2));
    }

    @Test
    void fillsInDockersDefaults() throws Exception {
        assertEquals(new Resources(16 * MB, 32 * MB, 0, 0, 0), Resources.of(16 * MB, 0, 0, 0, 0));
        assertEquals(new Resources(16 * MB, -1, 0, 0, 0), Resources.of(16 * MB, -1, 0, 0, 0));
        assertEquals(new Resources(0, 0, 0, 0, -1), Resources.of(0, 0, 0, 0, -5), "any negative pids limit is unlimited");
        assertEquals(Resources.none(), Resources.of(0, 0, 0, 0, 0));
        assertDoesNotThrow(() -> Resources.of(6 * MB, -1, Resources.nanoCpus(0.01), 2, -1));
    }

    @Test
    void onlyASwapLimitOtherThanTheDefaultNeedsSwapAccounting() throws Exception {
        java.nio.file.Path absent = java.nio.file.Path.of("/nonexistent/memory.swap.max");
        assertDoesNotThrow(() -> Resources.of(16 * MB, 0, 0, 0, 0).requireSwapAccounting(absent));
        assertDoesNotThrow(() -> new Resources(16 * MB, 0, 0, 0, 0).requireSwapAccounting(absent));
        assertDoesNotThrow(() -> Resources.of(16 * MB, -1, 0, 0, 0).requireSwapAccounting(absent));
        assertThrows(LaunchException.class, () -> Resources.of(16 * MB, 48 * MB, 0, 0, 0).requireSwapAccounting(absent));
    }

    @Test
    void namesTheLimitAndTheControllerThatIsMissing() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> cpus(1).requireControllers(Set.of("memory", "pids"), "this host's cgroup v2 root does not offer"));
        assertEquals("cgroup: --cpus needs the cpu controller, which this host's cgroup v2 root does not offer",
                e.getMessage());
        assertDoesNotThrow(() -> new Resources(0, 0, 0, 0, -1).requireControllers(Set.of(), "-"));
    }

    @Test
    void anUpdateKeepsWhatItIsNotGivenAndMovesDockersDefaultSwapAlong() throws Exception {
        Resources r = Resources.of(64L << 20, 0, 0, 512, 100);
        assertEquals(new Resources(128L << 20, 256L << 20, 0, 512, 100), r.updated(128L << 20, null, null, null, null));
        assertEquals(new Resources(64L << 20, 128L << 20, 500_000_000, 512, -1), r.updated(null, null, 500_000_000L, null, 0L));
        Resources unlimitedSwap = Resources.of(64L << 20, -1, 0, 0, 0);
        assertEquals(-1, unlimitedSwap.updated(32L << 20, null, null, null, null).memorySwapBytes());
    }

    @Test
    void anUpdatePastASwapLimitSetBeforeIsRefusedAsDockers() throws Exception {
        Resources r = Resources.of(64L << 20, 100L << 20, 0, 0, 0);
        assertEquals("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the "
                + "same time", assertThrows(LaunchException.class, () -> r.updated(200L << 20, null, null, null, null))
                .getMessage());
        assertEquals("Minimum memory limit allowed is 6MB",
                assertThrows(LaunchException.class, () -> r.updated(1024L, 8192L, null, null, null)).getMessage());
    }
}
