package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class LaunchExceptionTest {
    @Test
    void aFileErrorWithoutAReasonIsGivenOne() {
        assertEquals("/tmp/a -> /c/config.json: no such file or directory",
                LaunchException.detail(new NoSuchFileException("/tmp/a", "/c/config.json", null)));
        assertEquals("/c: permission denied", LaunchException.detail(new AccessDeniedException("/c")));
    }

    @Test
    void aReasonGivenIsKept() {
        assertEquals("/c: Read-only file system",
                LaunchException.detail(new FileSystemException("/c", null, "Read-only file system")));
        assertEquals("disk on fire", LaunchException.detail(new IOException("disk on fire")));
    }
}
