package dev.minidocker.launcher.userns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserNamespaceTest {
    private static IdMap map(String text) throws LaunchException {
        return IdMap.parse(text, "--uidmap");
    }

    @Test
    void aMapReadsAndWritesPodmansFormAndTheKernels() throws LaunchException {
        IdMap m = map("0:100000:65536");
        assertEquals(new IdMap(0, 100000, 65536), m);
        assertEquals("0:100000:65536", m.toString());
        assertEquals("0 100000 65536", m.procLine());
        assertEquals(101000, m.toHost(1000));
        assertEquals(-1, m.toHost(65536));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0:1", "0:1:2:3", "a:1:2", "0:-1:2", "0: 1:2", "0:1:99999999999"})
    void malformedMapsAreRefused(String text) {
        LaunchException e = assertThrows(LaunchException.class, () -> map(text));
        assertEquals(125, e.exitStatus());
        assertEquals(true, e.getMessage().startsWith("invalid argument \"" + text + "\" for \"--uidmap\" flag: want"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0:100000:0", "4294967295:0:1", "0:4294967290:10"})
    void emptyOrOverflowingRangesAreRefused(String text) {
        assertEquals("invalid argument \"" + text + "\" for \"--uidmap\" flag: the size must be at least 1 and every id "
                + "below 4294967295", assertThrows(LaunchException.class, () -> map(text)).getMessage());
    }

    @Test
    void rootIsWhereContainerZeroLands() throws LaunchException {
        UserNamespace ns = UserNamespace.of(List.of(map("1:300000:10"), map("0:200000:1")),
                List.of(map("0:400000:5")));
        assertEquals(200000, ns.rootUid());
        assertEquals(400000, ns.rootGid());
    }

    @Test
    void overlapsAndAnUnmappedRootAreRefused() throws LaunchException {
        assertEquals("invalid --uidmap mappings 0:100000:10 and 9:200000:1: they overlap inside the container",
                assertThrows(LaunchException.class, () -> UserNamespace.of(
                        List.of(map("0:100000:10"), map("9:200000:1")), List.of(map("0:1:1")))).getMessage());
        assertEquals("invalid --gidmap mappings 0:100000:10 and 20:100009:1: they overlap on the host",
                assertThrows(LaunchException.class, () -> UserNamespace.of(List.of(map("0:1:1")),
                        List.of(map("0:100000:10"), map("20:100009:1")))).getMessage());
        assertEquals("invalid --uidmap mappings [1:100000:10]: container uid 0 is not mapped (the container's root "
                + "must be)", assertThrows(LaunchException.class,
                        () -> UserNamespace.of(List.of(map("1:100000:10")), List.of(map("0:1:1")))).getMessage());
    }

    @Test
    void atMostSixtyFourLinesAsTheMonitorTakes() throws LaunchException {
        List<IdMap> lines = new ArrayList<>();
        for (int i = 0; i <= UserNamespace.MAX_LINES; i++) {
            lines.add(new IdMap(i, 100000 + i, 1));
        }
        assertEquals("too many --uidmap mappings: 65, at most 64", assertThrows(LaunchException.class,
                () -> UserNamespace.of(lines, List.of(new IdMap(0, 1, 1)))).getMessage());
        UserNamespace.of(lines.subList(0, UserNamespace.MAX_LINES), List.of(new IdMap(0, 1, 1)));
    }

    @Test
    void theRecordsTextReadsBack() throws LaunchException {
        List<IdMap> maps = List.of(map("0:100000:1000"), map("1000:1000:1"));
        assertEquals(List.of("0:100000:1000", "1000:1000:1"), UserNamespace.text(maps));
        assertEquals(maps, UserNamespace.parse(UserNamespace.text(maps), "--uidmap"));
    }
}
