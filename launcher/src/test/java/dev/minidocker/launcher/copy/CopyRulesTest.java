package dev.minidocker.launcher.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import org.junit.jupiter.api.Test;

/** Docker's table of cp's cases (docs.docker.com, "docker container cp"). */
class CopyRulesTest {
    @Test
    void aFileGoesIntoAnExistingDirectoryUnderItsName() throws Exception {
        assertEquals(new CopyRules.Target("/tmp", "passwd"), CopyRules.target("/etc/passwd", false, "/tmp", true));
    }

    @Test
    void aFileReplacesAnExistingFileOrIsWrittenAsAMissingOne() throws Exception {
        assertEquals(new CopyRules.Target("/tmp", "x"), CopyRules.target("/etc/passwd", false, "/tmp/x", false));
        assertEquals(new CopyRules.Target("/tmp", "x"), CopyRules.target("/etc/passwd", false, "/tmp/x", null));
    }

    @Test
    void aFileToAMissingDirectoryIsRefused() {
        assertEquals("no such directory: /tmp/x/", assertThrows(LaunchException.class,
                () -> CopyRules.target("/etc/passwd", false, "/tmp/x/", null)).getMessage());
        assertEquals("not a directory: /tmp/x/", assertThrows(LaunchException.class,
                () -> CopyRules.target("/etc/passwd", false, "/tmp/x/", false)).getMessage());
    }

    @Test
    void aDirectoryGoesIntoAnExistingOneUnlessItEndsInSlashDot() throws Exception {
        assertEquals(new CopyRules.Target("/tmp", "etc"), CopyRules.target("/etc", true, "/tmp", true));
        assertEquals(new CopyRules.Target("/tmp", "etc"), CopyRules.target("/etc/", true, "/tmp", true));
        assertEquals(new CopyRules.Target("/tmp", ""), CopyRules.target("/etc/.", true, "/tmp", true));
    }

    @Test
    void aDirectoryToAMissingPathIsCreatedWithThatName() throws Exception {
        assertEquals(new CopyRules.Target("/tmp", "new"), CopyRules.target("/etc", true, "/tmp/new", null));
        assertEquals(new CopyRules.Target("/tmp", "new"), CopyRules.target("/etc/.", true, "/tmp/new/", null));
    }

    @Test
    void aDirectoryCannotReplaceAFile() {
        assertThrows(LaunchException.class, () -> CopyRules.target("/etc", true, "/tmp/file", false));
    }
}
