package dev.minidocker.launcher.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's compiled programs, with the real minidocker-seccomp. */
class ProgramCacheTest {
    private static final Path COMPILER = Path.of(System.getProperty("minidocker.seccomp", "minidocker-seccomp"));
    private static final String RULES = "default SCMP_ACT_ERRNO 1\narch SCMP_ARCH_X86\nrule SCMP_ACT_ALLOW 0 read\n";

    @TempDir
    Path dir;
    private Path store;

    /** A store opened as every command opens it, which makes the cache's directories. */
    @BeforeEach
    void open() throws Exception {
        store = Store.open(dir.resolve("store"), notice -> { }).root();
    }

    private byte[] inputs(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMissCompilesAndIndexesAndTheSameInputsThenHit() throws Exception {
        ProgramCache cache = new ProgramCache(store, COMPILER);
        assertNull(cache.find(inputs("profile A")));
        Path program = cache.compile(RULES, inputs("profile A"));
        assertEquals(cache.path(RULES), program);
        assertTrue(Files.size(program) > 0 && Files.size(program) % 8 == 0, "an array of sock_filter");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(program)));
        assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(program.getParent())),
                "a shim in a user namespace reaches it, no one lists it");
        assertEquals(program, cache.find(inputs("profile A")));
        assertNull(cache.find(inputs("profile B")));
        assertEquals(program, cache.compile(RULES, inputs("profile B")), "the same rules, the same program");
        assertEquals(program, cache.find(inputs("profile B")));
        assertNoTempFileLeft();
    }

    @Test
    void anIndexEntryForOtherInputsOrAProgramGoneIsAMiss() throws Exception {
        ProgramCache cache = new ProgramCache(store, COMPILER);
        Path program = cache.compile(RULES, inputs("profile A"));
        Path entry;
        try (Stream<Path> entries = Files.list(store.resolve("seccomp/index"))) {
            entry = entries.findFirst().orElseThrow();
        }
        byte[] held = Files.readAllBytes(entry);
        held[held.length - 1] = 'Z';
        Files.write(entry, held);
        assertNull(cache.find(inputs("profile A")), "a CRC collision is no hit");
        cache.compile(RULES, inputs("profile A"));
        Files.delete(program);
        assertNull(cache.find(inputs("profile A")));
        assertEquals(program, cache.compile(RULES, inputs("profile A")));
        assertTrue(Files.exists(program));
    }

    @Test
    void aCompilerFailureIsItsLineAndLeavesNothing() throws Exception {
        ProgramCache cache = new ProgramCache(store, COMPILER);
        String rules = "default SCMP_ACT_ERRNO 1\nrule SCMP_ACT_SOMETIMES 0 read\n";
        assertEquals("compile seccomp profile: minidocker-seccomp: line 2: unknown action: SCMP_ACT_SOMETIMES",
                assertThrows(LaunchException.class, () -> cache.compile(rules, inputs("p"))).getMessage());
        assertNotEquals(true, Files.exists(cache.path(rules)));
        assertNull(cache.find(inputs("p")));
        assertNoTempFileLeft();
    }

    /** The store's tmp/ holds its ingest directory, and no file of the cache's. */
    private void assertNoTempFileLeft() throws Exception {
        try (Stream<Path> left = Files.list(store.resolve("tmp"))) {
            assertEquals(List.of(store.resolve("tmp/ingest")), left.toList(), "no temp file left");
        }
    }
}
