package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private static final String PS = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 05:00 ?        00:00:01 /sbin/init
            root        4242    4200  0 05:01 ?        00:00:00 sleep 300 --with args
            root           -    4242  0 05:01 ?        00:00:00 -
            """;

    @Test
    void keepsTheContainersLinesWithTheCommandWhole() throws Exception {
        ProcessTable t = ProcessTable.parse(PS, Set.of(4242L));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), t.titles());
        assertEquals(List.of(List.of("root", "4242", "4200", "0", "05:01", "?", "00:00:00", "sleep 300 --with args")),
                t.processes());
    }

    @Test
    void withoutAPidColumnItFailsAsDockers() {
        assertEquals("Couldn't find PID field in ps output", assertThrows(LaunchException.class,
                () -> ProcessTable.parse("USER COMMAND\nroot sh\n", Set.of(1L))).getMessage());
    }

    @Test
    void aColumnRenamedPidIsRefused() throws Exception {
        ProcessTable.validate("-o pid=PID,comm");
        assertEquals("specifying \"user=PID\" is not allowed", assertThrows(LaunchException.class,
                () -> ProcessTable.validate("-o user=PID")).getMessage());
    }
}
