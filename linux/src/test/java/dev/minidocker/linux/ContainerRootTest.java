package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile roots: links that point out of the root must land inside it. */
class ContainerRootTest {
    private final Syscalls sys = Syscalls.system();

    @TempDir
    Path dir;
    Path root;
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.writeString(dir.resolve("secret"), "host secret");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/secret"), "container secret");
    }

    @Test
    void anAbsoluteLinkResolvesInsideTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("shadow"), outside);
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc/secret"));
        try (ContainerRoot r = ContainerRoot.open(sys, root)) {
            assertThrows(LinuxException.class, () -> r.open("/shadow", true), "the host's file, seen from the root, is absent");
            try (ContainerRoot.Handle h = r.open("/escape", true)) {
                assertEquals("container secret", Files.readString(h.path()));
            }
        }
    }

    @Test
    void dotDotAndRelativeLinksStopAtTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../etc/secret"));
        try (ContainerRoot r = ContainerRoot.open(sys, root)) {
            try (ContainerRoot.Handle h = r.open("/up", true)) {
                assertEquals("container secret", Files.readString(h.path()));
            }
            try (ContainerRoot.Handle h = r.open("../../../etc/secret", true)) {
                assertEquals("container secret", Files.readString(h.path()));
            }
        }
    }

    @Test
    void aLinkToRootAsADirectoryWritesInsideTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("dir"), Path.of("/"));
        try (ContainerRoot r = ContainerRoot.open(sys, root);
                ContainerRoot.Handle h = r.entry("/dir/planted")) {
            Files.writeString(h.path(), "x");
        }
        assertTrue(Files.exists(root.resolve("planted")));
        assertFalse(Files.exists(Path.of("/planted")));
    }

    @Test
    void anEntryIsNotFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("shadow"), outside);
        try (ContainerRoot r = ContainerRoot.open(sys, root);
                ContainerRoot.Handle h = r.entry("/shadow")) {
            assertTrue(Files.isSymbolicLink(h.path()));
            assertThrows(IOException.class, () -> Files.newInputStream(h.path(), LinkOption.NOFOLLOW_LINKS).close());
        }
        assertEquals("host secret", Files.readString(outside));
    }

    @Test
    void cleanRemovesDotDotLexically() {
        assertEquals("/etc", ContainerRoot.clean("/a/../../etc"));
        assertEquals("/", ContainerRoot.clean(".."));
        assertEquals("/a/b", ContainerRoot.clean("a/./b/"));
    }

    @Test
    void aDetachedMountEndsWithItsDescriptor() throws Exception {
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Path lower2 = Files.createDirectories(dir.resolve("lower2"));
        Files.writeString(lower.resolve("f"), "lower");
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        int fd = sys.mountDetached("overlay", List.of("lowerdir=" + lower + ":" + lower2, "upperdir=" + upper, "workdir=" + work));
        try (ContainerRoot r = ContainerRoot.adopt(sys, fd); ContainerRoot.Handle h = r.entry("/new")) {
            Files.writeString(h.path(), "written");
        }
        assertEquals("written", Files.readString(upper.resolve("new")));
        assertFalse(Files.readString("/proc/self/mountinfo".transform(Path::of)).contains(upper.toString()));
    }
}
