package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopCommandTest {
    private static List<List<String>> rows(String ps, Long... pids) throws CliException {
        return TopCommand.processes(ps, Set.of(pids)).stream().map(List::of).toList();
    }

    @Test
    void onlyTheContainersProcessesTheCommandInOneColumn() throws CliException {
        String ps = """
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 05:00 ?        00:00:01 /sbin/init
                root         400       1  0 05:01 ?        00:00:00 sh -c sleep 100 & wait
                root         401     400  0 05:01 ?        00:00:00 sleep 100
                """;
        assertEquals(List.of(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                List.of("root", "400", "1", "0", "05:01", "?", "00:00:00", "sh -c sleep 100 & wait"),
                List.of("root", "401", "400", "0", "05:01", "?", "00:00:00", "sleep 100")), rows(ps, 400L, 401L));
    }

    @Test
    void threadRowsFollowTheirProcess() throws CliException {
        String ps = """
                PID TTY          TIME CMD
                  7 ?        00:00:00 init
                  - -        00:00:00 -
                400 ?        00:00:00 java
                  - -        00:00:00 -
                """;
        assertEquals(List.of(List.of("PID", "TTY", "TIME", "CMD"), List.of("400", "?", "00:00:00", "java"),
                List.of("-", "-", "00:00:00", "-")), rows(ps, 400L));
    }

    @Test
    void psOutputWithoutPidsIsDockersError() {
        assertEquals("Couldn't find PID field in ps output",
                assertThrows(CliException.class, () -> rows("COMMAND\nsleep\n")).getMessage());
    }
}
