package dev.minidocker.launcher.userns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdRangesTest {
    @Test
    void withoutSubordinateIdsTheBlocksStartAt100000() throws LaunchException {
        UserNamespace first = IdRanges.pick("", "", List.of());
        assertEquals(List.of(new IdMap(0, 100000, 65536)), first.uids());
        assertEquals(first.uids(), first.gids());
        List<Long> blocks = IdRanges.blocks("");
        assertEquals(List.of(100000L, 165536L), blocks.subList(0, 2));
        assertEquals(true, blocks.getLast() + 65536 < 4294967295L);
    }

    @Test
    void theFirstBlockNoContainerMapsIsTaken() throws LaunchException {
        // Another container's explicit map reaching into the second block takes that one too.
        UserNamespace ns = IdRanges.pick("", "", List.of(new IdMap(0, 100000, 65536), new IdMap(0, 200000, 1)));
        assertEquals(List.of(new IdMap(0, 231072, 65536)), ns.uids());
    }

    @Test
    void minidockersSubordinateRangesComeFirstThenRoots() throws LaunchException {
        String subuid = "root:500000:65536\nminidocker:1000000:131072\nalice:100000:65536\n";
        String subgid = "root:700000:65536\n";
        assertEquals(List.of(1000000L, 1065536L), IdRanges.blocks(subuid));
        assertEquals(List.of(700000L), IdRanges.blocks(subgid));
        UserNamespace ns = IdRanges.pick(subuid, subgid, List.of());
        assertEquals(List.of(new IdMap(0, 1000000, 65536)), ns.uids());
        assertEquals(List.of(new IdMap(0, 700000, 65536)), ns.gids());
    }

    @Test
    void aFullPoolIsSaidSo() {
        String subuid = "minidocker:300000:65536\n";
        LaunchException e = assertThrows(LaunchException.class,
                () -> IdRanges.pick(subuid, subuid, List.of(new IdMap(0, 300000, 10))));
        assertEquals("--userns=private: no free range of 65536 host ids left (1 blocks, all in use by containers)",
                e.getMessage());
    }
}
