package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.spec.RuntimeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumesTest {
    private static String bindError(String spec) {
        return assertThrows(LaunchException.class, () -> Volumes.bind(spec)).getMessage();
    }

    @Test
    void aBindIsRecursiveAndReadOnlyWithRo() throws Exception {
        assertEquals(new RuntimeSpec.Mount("/b", "bind", "/a", List.of("rbind")), Volumes.bind("/a:/b"));
        assertEquals(new RuntimeSpec.Mount("/b", "bind", "/a", List.of("rbind", "ro")), Volumes.bind("/a:/b:ro"));
        assertEquals(new RuntimeSpec.Mount("/b", "bind", "/a", List.of("rbind")), Volumes.bind("/a:/b:rw"));
        assertEquals(new RuntimeSpec.Mount("/b", "bind", "/a", List.of("rbind", "ro")), Volumes.bind("/a:/b:ro,Z"));
    }

    @Test
    void namedVolumesAreRefused() {
        assertEquals("invalid volume specification: 'data:/var/lib/data': named volumes are not supported, give an"
                + " absolute host path", bindError("data:/var/lib/data"));
        assertEquals("invalid volume specification: './data:/data': named volumes are not supported, give an"
                + " absolute host path", bindError("./data:/data"));
    }

    @Test
    void theContainerPathMustBeAbsolute() {
        assertEquals("invalid volume specification: '/a:b': the container path must be absolute", bindError("/a:b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "//", "/..", "/a/.."})
    void nothingIsMountedOverTheContainersRoot(String destination) {
        assertEquals("invalid volume specification: '/host:" + destination + "': invalid mount config for type"
                + " \"bind\": invalid specification: destination can't be '/'", bindError("/host:" + destination));
        LaunchException e = assertThrows(LaunchException.class, () -> Volumes.tmpfs(destination));
        assertEquals("invalid tmpfs specification: '" + destination + "': invalid specification: destination"
                + " can't be '/'", e.getMessage());
    }

    @Test
    void unknownOptionsAreRefused() {
        assertEquals("invalid volume specification: '/a:/b:rox': unknown option 'rox'", bindError("/a:/b:rox"));
        assertEquals("invalid volume specification: '/a:/b:ro,exec': unknown option 'exec'", bindError("/a:/b:ro,exec"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "/a:", ":/b", "/a:/b:ro:x", ""})
    void aBindNeedsAHostAndAContainerPath(String spec) {
        assertEquals("invalid volume specification: '" + spec + "': want /host/path:/container/path[:ro]",
                bindError(spec));
    }

    @Test
    void aTmpfsHasDockersDefaultsUnlessOptionsAreGiven() throws Exception {
        assertEquals(new RuntimeSpec.Mount("/t", "tmpfs", "tmpfs", List.of("noexec", "nosuid", "nodev")),
                Volumes.tmpfs("/t"));
        assertEquals(new RuntimeSpec.Mount("/run", "tmpfs", "tmpfs", List.of("rw", "size=64m")),
                Volumes.tmpfs("/run:rw,size=64m"));
    }

    @Test
    void aTmpfsPathMustBeAbsolute() {
        LaunchException e = assertThrows(LaunchException.class, () -> Volumes.tmpfs("run:size=1m"));
        assertEquals("invalid tmpfs specification: 'run:size=1m': the path must be absolute", e.getMessage());
    }
}
