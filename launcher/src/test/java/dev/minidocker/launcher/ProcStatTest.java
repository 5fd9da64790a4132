package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void thisJvmIsAliveWithItsStartTime() {
        long start = ProcStat.startTime(SELF);
        assertTrue(start > 0, "start time " + start);
        assertEquals(start, ProcStat.startTime(SELF), "a process's start time does not change");
        assertTrue(ProcStat.alive(SELF, start));
    }

    @Test
    void aPidWithAnotherStartTimeIsAnotherProcess() {
        long start = ProcStat.startTime(SELF);
        assertFalse(ProcStat.alive(SELF, start + 1));
        assertFalse(ProcStat.alive(SELF, 0));
    }

    @Test
    void aFinishedProcessIsNotAlive() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        long pid = p.pid();
        long start = ProcStat.startTime(pid);
        assertTrue(ProcStat.alive(pid, start));
        p.destroyForcibly().waitFor();
        assertEquals(-1, ProcStat.startTime(pid));
        assertFalse(ProcStat.alive(pid, start));
    }

    @Test
    void aZombieIsNotAlive() throws Exception {
        // sh's child ends at once; sh then becomes sleep, which never reaps it: a zombie for 5 s.
        Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 5").start();
        try {
            ProcessHandle zombie = null;
            for (int i = 0; i < 250 && zombie == null; i++) {
                zombie = parent.children().findFirst().orElse(null);
                Thread.sleep(10);
            }
            assertTrue(zombie != null, "no child of sh");
            long pid = zombie.pid();
            long start = ProcStat.startTime(pid);
            for (int i = 0; i < 250 && ProcStat.alive(pid, start); i++) {
                Thread.sleep(10);
            }
            assertTrue(start > 0, "a zombie still has a start time");
            assertFalse(ProcStat.alive(pid, start), "the zombie " + pid + " counts as alive");
            assertEquals(start, ProcStat.startTime(pid), "it is still there, unreaped");
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void noSuchPid() {
        assertEquals(-1, ProcStat.startTime(0));
        assertEquals(-1, ProcStat.startTime(Long.MAX_VALUE));
        assertFalse(ProcStat.alive(-1, 100));
    }
}
