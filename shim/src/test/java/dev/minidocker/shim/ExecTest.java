package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PATH lookup runc makes in the container's environment. */
class ExecTest {
    @TempDir
    Path root;

    @BeforeEach
    void image() throws Exception {
        file("usr/bin/tool", "rwxr-xr-x");
        file("bin/tool", "rw-r--r--");
        file("work/local", "rwx------");
        Files.createDirectories(root.resolve("sbin/tool"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("/usr/bin/tool"));
    }

    private void file(String path, String mode) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.createFile(root.resolve(path),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    }

    @AfterEach
    void removeLinks() throws Exception {
        TestFiles.removeLinks(root);
    }

    @Test
    void theFirstExecutableRegularFileWins() throws Exception {
        assertEquals("/usr/bin/tool", Exec.lookPath(root, "/", "tool", "/sbin:/bin:/usr/bin"));
    }

    @Test
    void linksAreFollowedInsideTheRoot() throws Exception {
        assertEquals("/bin/sh", Exec.lookPath(root, "/", "sh", "/bin"));
    }

    @Test
    void aNameWithASlashIsNotLookedUp() throws Exception {
        assertEquals("./nothere", Exec.lookPath(root, "/", "./nothere", "/bin"));
    }

    @Test
    void anEmptyEntryIsTheWorkingDirectory() throws Exception {
        assertEquals("./local", Exec.lookPath(root, "/work", "local", "/bin::/usr/bin"));
    }

    @Test
    void notFoundNamesTheFileAndIs127() {
        SetupException e = assertThrows(SetupException.class,
                () -> Exec.lookPath(root, "/", "nosuch", Exec.DEFAULT_PATH));
        assertEquals("exec: \"nosuch\": executable file not found in $PATH", e.getMessage());
        assertEquals(127, e.exitStatus());
    }

    @Test
    void environmentLookup() {
        List<String> env = List.of("PATHS=no", "PATH=/bin", "HOME=/root");
        assertEquals("/bin", Exec.environment(env, "PATH", "default"));
        assertEquals("default", Exec.environment(env, "TERM", "default"));
        assertEquals(List.of("A=1", "HOME=/h"), Shim.withHome(List.of("A=1"), "/h"));
        assertEquals(env, Shim.withHome(env, "/h"));
    }
}
