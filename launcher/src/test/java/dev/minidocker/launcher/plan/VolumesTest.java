package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumesTest {
    private static String volumeError(String spec) {
        return assertThrows(LaunchException.class, () -> Volumes.volume(spec)).getMessage();
    }

    private static String mountError(String csv) {
        return assertThrows(LaunchException.class, () -> Volumes.mount(csv)).getMessage();
    }

    private static MountRequest bind(String source, String destination, boolean readOnly) {
        return new MountRequest("bind", source, destination, readOnly, true, List.of());
    }

    private static MountRequest volume(String name, String destination, boolean readOnly, boolean copy) {
        return new MountRequest("volume", name, destination, readOnly, copy, List.of());
    }

    @Test
    void anAbsoluteSourceIsABindReadOnlyWithRo() throws Exception {
        assertEquals(bind("/a", "/b", false), Volumes.volume("/a:/b"));
        assertEquals(bind("/a", "/b", true), Volumes.volume("/a:/b:ro"));
        assertEquals(bind("/a", "/b", false), Volumes.volume("/a:/b:rw"));
        assertEquals(bind("/a", "/b", true), Volumes.volume("/a:/b:ro,Z"));
        assertEquals(bind("/a", "/b", false), Volumes.volume("/a:/b:rshared"));
    }

    @Test
    void aNameIsANamedVolumeAndAPathAloneAnAnonymousOne() throws Exception {
        assertEquals(volume("data", "/var/lib/data", false, true), Volumes.volume("data:/var/lib/data"));
        assertEquals(volume("data", "/d", true, false), Volumes.volume("data:/d:ro,nocopy"));
        assertEquals(volume(null, "/cache", false, true), Volumes.volume("/cache"));
        assertEquals(volume(null, "/cache", true, true), Volumes.volume("/cache:ro"));
    }

    @Test
    void dotSlashAndDotAreBoundFromTheWorkingDirectoryAsDockers23Does() {
        Path cwd = Path.of("/home/me/project");
        assertEquals("/home/me/project/dir:/x:ro", Volumes.absolute("./dir:/x:ro", cwd));
        assertEquals("/home/me/project:/x", Volumes.absolute(".:/x", cwd));
        assertEquals("/home/me/project/a/b:/x", Volumes.absolute("./a/./b:/x", cwd));
        assertEquals("../up:/x", Volumes.absolute("../up:/x", cwd), "Docker's CLI leaves ../ alone");
        assertEquals("data:/x", Volumes.absolute("data:/x", cwd));
        assertEquals("/x", Volumes.absolute("/x", cwd));
    }

    @Test
    void theContainerPathMustBeAbsolute() {
        assertEquals("invalid volume specification: '/a:b': invalid mount config for type \"bind\": invalid mount"
                + " path: 'b' mount path must be absolute", volumeError("/a:b"));
        assertEquals("invalid volume specification: 'data:b': invalid mount config for type \"volume\": invalid mount"
                + " path: 'b' mount path must be absolute", volumeError("data:b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "//", "/..", "/a/.."})
    void nothingIsMountedOverTheContainersRoot(String destination) {
        assertEquals("invalid volume specification: '/host:" + destination + "': invalid mount config for type"
                + " \"bind\": invalid specification: destination can't be '/'", volumeError("/host:" + destination));
        LaunchException e = assertThrows(LaunchException.class, () -> Volumes.tmpfs(destination));
        assertEquals("invalid tmpfs specification: '" + destination + "': invalid specification: destination"
                + " can't be '/'", e.getMessage());
        assertEquals("invalid argument \"type=volume,dst=" + destination + "\" for \"--mount\" flag: invalid mount"
                + " config for type \"volume\": invalid specification: destination can't be '/'",
                mountError("type=volume,dst=" + destination));
    }

    @Test
    void unknownModesAreRefused() {
        assertEquals("invalid volume specification: '/a:/b:rox': invalid mode: rox", volumeError("/a:/b:rox"));
        assertEquals("invalid volume specification: '/a:/b:ro,exec': invalid mode: ro,exec",
                volumeError("/a:/b:ro,exec"));
        assertEquals("invalid volume specification: '/a:/b:nocopy': invalid mode: nocopy", volumeError("/a:/b:nocopy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a:", ":/b", "/a:/b:ro:x", ""})
    void emptyPartsAndFourPartsAreRefused(String spec) {
        assertEquals("invalid volume specification: '" + spec + "'", volumeError(spec));
    }

    @Test
    void mountTakesDockersKeysInAnyOrder() throws Exception {
        assertEquals(bind("/etc", "/data", true), Volumes.mount("type=bind,source=/etc,target=/data,readonly"));
        assertEquals(bind("/etc", "/data", false), Volumes.mount("dst=/data,src=/etc,type=bind,ro=false"));
        assertEquals(bind("/etc", "/data", true), Volumes.mount("type=bind,src=/etc,destination=/data,ro=1,"
                + "bind-propagation=rprivate"));
        assertEquals(volume("cache", "/c", false, false), Volumes.mount("src=cache,dst=/c,volume-nocopy"));
        assertEquals(volume(null, "/c", false, true), Volumes.mount("type=volume,target=/c"));
        assertEquals(new MountRequest("tmpfs", null, "/t", false, true, List.of("size=1048576", "mode=1777",
                "noexec", "nosuid", "nodev")), Volumes.mount("type=tmpfs,dst=/t,tmpfs-size=1048576,tmpfs-mode=1777"));
    }

    @Test
    void mountRefusesWhatDockerRefusesInItsWords() {
        String prefix = "invalid argument \"%s\" for \"--mount\" flag: ";
        assertEquals(prefix.formatted("type=bind,src=/a") + "target is required", mountError("type=bind,src=/a"));
        assertEquals(prefix.formatted("type=bind,dst=/a") + "invalid mount config for type \"bind\": field Source must"
                + " not be empty", mountError("type=bind,dst=/a"));
        assertEquals(prefix.formatted("type=tmpfs,src=x,dst=/a") + "invalid mount config for type \"tmpfs\": field"
                + " Source must not be specified", mountError("type=tmpfs,src=x,dst=/a"));
        assertEquals(prefix.formatted("type=bind,src=/a,dst=/b,volume-nocopy") + "cannot mix 'volume-*' options with"
                + " mount type 'bind'", mountError("type=bind,src=/a,dst=/b,volume-nocopy"));
        assertEquals(prefix.formatted("dst=/b,foo=bar") + "unexpected key 'foo' in 'foo=bar'",
                mountError("dst=/b,foo=bar"));
        assertEquals(prefix.formatted("dst=/b,src") + "invalid field 'src' must be a key=value pair",
                mountError("dst=/b,src"));
        assertEquals(prefix.formatted("type=nfs,dst=/b") + "invalid mount config for type \"nfs\": mount type unknown",
                mountError("type=nfs,dst=/b"));
        assertEquals(prefix.formatted("type=tmpfs,dst=/b,tmpfs-mode=999") + "invalid value for tmpfs-mode: 999",
                mountError("type=tmpfs,dst=/b,tmpfs-mode=999"));
        assertEquals(prefix.formatted("type=bind,src=/no/such/dir,dst=/b") + "invalid mount config for type \"bind\":"
                + " bind source path does not exist: /no/such/dir", mountError("type=bind,src=/no/such/dir,dst=/b"));
        assertEquals(prefix.formatted("type=bind,src=rel,dst=/b") + "invalid mount config for type \"bind\": invalid"
                + " mount path: 'rel' mount path must be absolute", mountError("type=bind,src=rel,dst=/b"));
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
