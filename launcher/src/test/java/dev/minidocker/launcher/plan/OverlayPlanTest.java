package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverlayPlanTest {
    private static final Path TARGET = Path.of("/m/merged");

    private static List<Path> paths(String... p) {
        return java.util.Arrays.stream(p).map(Path::of).toList();
    }

    @Test
    void optionsNameTheLowersTopmostFirstThenUpperAndWork() {
        OverlayPlan plan = new OverlayPlan(paths("/l/top", "/l/mid", "/l/base"), Path.of("/c/upper"),
                Path.of("/c/work"), TARGET);
        assertEquals("lowerdir=/l/top:/l/mid:/l/base,upperdir=/c/upper,workdir=/c/work", plan.mountOptions());
        assertFalse(plan.readOnly());
    }

    @Test
    void aReadOnlyViewHasLowersOnly() {
        OverlayPlan plan = new OverlayPlan(paths("/l/top", "/l/base"), null, null, TARGET);
        assertEquals("lowerdir=/l/top:/l/base", plan.mountOptions());
        assertTrue(plan.readOnly());
    }

    @Test
    void aWritableOverlayMayHaveOneLower() {
        OverlayPlan plan = new OverlayPlan(paths("/l/only"), Path.of("/u"), Path.of("/w"), TARGET);
        assertEquals("lowerdir=/l/only,upperdir=/u,workdir=/w", plan.mountOptions());
    }

    @Test
    void aReadOnlyOverlayNeedsTwoLowers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OverlayPlan(paths("/l/only"), null, null, TARGET));
        assertEquals("a read-only overlay needs at least two lower directories", e.getMessage());
    }

    @Test
    void anOverlayNeedsALower() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OverlayPlan(List.of(), Path.of("/u"), Path.of("/w"), TARGET));
        assertEquals("an overlay needs at least one lower directory", e.getMessage());
    }

    @Test
    void upperAndWorkComeTogether() {
        assertThrows(IllegalArgumentException.class,
                () -> new OverlayPlan(paths("/a", "/b"), Path.of("/u"), null, TARGET));
        assertThrows(IllegalArgumentException.class,
                () -> new OverlayPlan(paths("/a", "/b"), null, Path.of("/w"), TARGET));
    }

    @Test
    void theLowerListIsCopied() {
        List<Path> lowers = new ArrayList<>(paths("/a", "/b"));
        OverlayPlan plan = new OverlayPlan(lowers, null, null, TARGET);
        lowers.add(Path.of("/c"));
        assertEquals(paths("/a", "/b"), plan.lowerDirs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/l/with,comma", "/l/with:colon"})
    void refusesPathsThatCannotBeNamedInTheOptions(String bad) {
        List<OverlayPlan> plans = List.of(
                new OverlayPlan(paths("/ok", bad), null, null, TARGET),
                new OverlayPlan(paths("/ok"), Path.of(bad), Path.of("/w"), TARGET),
                new OverlayPlan(paths("/ok"), Path.of("/u"), Path.of(bad), TARGET));
        for (OverlayPlan plan : plans) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, plan::mountOptions);
            assertEquals("overlay directory " + bad + " contains ',' or ':'", e.getMessage());
        }
    }

    @Test
    void optionsMustFitInTheKernelsPage() {
        // "lowerdir=" + a + ":" + b: 9 + 2042 + 1 + 2043 = 4095 bytes, the most mount(2) takes.
        Path a = Path.of("/" + "a".repeat(2041));
        Path b = Path.of("/" + "b".repeat(2042));
        assertEquals(4095, new OverlayPlan(List.of(a, b), null, null, TARGET).mountOptions().length());
        OverlayPlan tooLong = new OverlayPlan(List.of(a, Path.of(b + "b")), null, null, TARGET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tooLong::mountOptions);
        assertEquals("overlay options for 2 layers are 4096 bytes, more than the kernel's 4095", e.getMessage());
    }
}
