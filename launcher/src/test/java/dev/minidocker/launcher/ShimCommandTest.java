package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimCommandTest {
    @TempDir
    Path lib;
    private ShimCommand shim;

    @BeforeEach
    void jars() throws Exception {
        Files.writeString(lib.resolve("minidocker-shim-1.jar"), "");
        Files.writeString(lib.resolve("minidocker-linux-1.jar"), "");
        Files.writeString(lib.resolve("minidocker-runtime-spec-1.jar"), "");
        shim = new ShimCommand(Path.of("/jdk/bin/java"), lib);
    }

    @Test
    void theShimRunsInterpretedWithOnlyItsJarsAndTheBundleLast() throws Exception {
        List<String> cmd = shim.command(Path.of("/c/bundle"));
        assertEquals(List.of("/jdk/bin/java", "-Xint"), cmd.subList(0, 2));
        assertEquals(List.of("-p", lib.resolve("minidocker-shim-1.jar") + ":" + lib.resolve("minidocker-linux-1.jar")
                + ":" + lib.resolve("minidocker-runtime-spec-1.jar"),
                "-m", ShimCommand.MAIN, "/c/bundle"), cmd.subList(cmd.size() - 5, cmd.size()));
    }

    @Test
    void aCurrentCacheIsUsedWithoutItsTrainingReplayOnJdk25() throws Exception {
        Path aot = Files.writeString(lib.resolve("shim.aot"), "");
        Files.setLastModifiedTime(aot, FileTime.from(Instant.now().plusSeconds(60)));
        List<String> cmd = shim.command(Path.of("/c/bundle"));
        assertTrue(cmd.contains("-XX:AOTCache=" + aot), cmd.toString());
        assertEquals(Runtime.version().feature() == 25, cmd.contains("-XX:-AOTReplayTraining"), cmd.toString());
    }

    @Test
    void aCacheOlderThanAJarIsNotPassed() throws Exception {
        Path aot = Files.writeString(lib.resolve("shim.aot"), "");
        Files.setLastModifiedTime(aot, FileTime.from(Instant.now().minusSeconds(60)));
        List<String> cmd = shim.command(Path.of("/c/bundle"));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-XX:AOTCache") || a.contains("AOTReplayTraining")),
                cmd.toString());
    }
}
