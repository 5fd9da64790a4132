package dev.minidocker.store.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs as root, as the store does: owners, devices and trusted.* xattrs need it. */
class LayerUnpackerTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final int S_IFMT = 0170000;

    private final Syscalls sys = Syscalls.system();

    @TempDir
    Path dir;
    private Path layer;
    private Path outside;
    private Path sentinel;
    private List<String> outsideBefore;

    @BeforeEach
    void setUp() throws IOException {
        layer = Files.createDirectory(dir.resolve("layer"));
        outside = Files.createDirectory(dir.resolve("outside"));
        sentinel = Files.writeString(outside.resolve("sentinel"), "host secret");
        Files.setLastModifiedTime(sentinel, LayerTar.MTIME);
        outsideBefore = outsideTarget();
    }

    // ---- what a layer holds

    @Test
    void filesAndDirectoriesKeepOwnersModesAndContent() throws Exception {
        LayerTar tar = new LayerTar().dir("usr/").dir("usr/bin/")
                .add(owned(mode(LayerTar.entry("usr/bin/su", TarConstants.LF_NORMAL), 04755), 1000, 1000),
                        "su".getBytes(StandardCharsets.UTF_8))
                .add(mode(LayerTar.entry("usr/bin/wall", TarConstants.LF_NORMAL), 02755), new byte[5000])
                .add(mode(LayerTar.entry("tmp", TarConstants.LF_DIR), 01777))
                .add(owned(mode(LayerTar.entry("home/user/", TarConstants.LF_DIR), 0700), 1000, 1000));

        long written = unpack(tar);

        assertEquals(5002, written);
        Path su = layer.resolve("usr/bin/su");
        assertEquals("su", Files.readString(su));
        assertEquals(0100000 | 04755, mode(su));
        assertEquals(1000, attribute(su, "uid"));
        assertEquals(1000, attribute(su, "gid"));
        assertEquals(02755, mode(layer.resolve("usr/bin/wall")) & 07777);
        assertEquals(5000, Files.size(layer.resolve("usr/bin/wall")));
        assertEquals(040000 | 01777, mode(layer.resolve("tmp")));
        assertEquals(0700, mode(layer.resolve("home/user")) & 07777);
        assertEquals(1000, attribute(layer.resolve("home/user"), "uid"));
        // "home" was implied by "home/user/", not listed.
        assertEquals(0755, mode(layer.resolve("home")) & 07777);
        assertEquals(0, attribute(layer.resolve("home"), "uid"));
    }

    @Test
    void symlinksKeepTheirTargetVerbatimAndTheirOwnAttributes() throws Exception {
        TarArchiveEntry absolute = owned(LayerTar.link("secret", TarConstants.LF_SYMLINK, sentinel.toString()),
                1000, 1000);
        absolute.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(1_000_000_000L)));

        unpack(new LayerTar().symlink("lib", "usr//lib/").add(absolute));

        assertEquals("usr//lib/", Files.readSymbolicLink(layer.resolve("lib")).toString());
        Path secret = layer.resolve("secret");
        assertEquals(sentinel.toString(), Files.readSymbolicLink(secret).toString());
        assertEquals(1000, attribute(secret, "uid"));
        assertEquals(absolute.getLastModifiedTime(), Files.getLastModifiedTime(secret, NOFOLLOW));
        // Owner and mtime went to the link: what it points at is untouched.
        assertNothingOutside();
    }

    @Test
    void hardlinksShareTheInode() throws Exception {
        unpack(new LayerTar().dir("bin").file("bin/busybox", "bb").hardlink("bin/sh", "./bin/busybox")
                .hardlink("ls", "bin/busybox"));

        Object inode = attribute(layer.resolve("bin/busybox"), "ino");
        assertEquals(inode, attribute(layer.resolve("bin/sh"), "ino"));
        assertEquals(inode, attribute(layer.resolve("ls"), "ino"));
        assertEquals(3, attribute(layer.resolve("ls"), "nlink"));
    }

    @Test
    void devicesAndFifos() throws Exception {
        unpack(new LayerTar()
                .add(device("dev/null", TarConstants.LF_CHR, 1, 3))
                .add(device("dev/loop0", TarConstants.LF_BLK, 7, 0))
                .add(mode(LayerTar.entry("run/fifo", TarConstants.LF_FIFO), 0620)));

        Path nul = layer.resolve("dev/null");
        assertEquals(Syscalls.S_IFCHR | 0666, mode(nul));
        assertEquals(Syscalls.device(1, 3), attribute(nul, "rdev"));
        assertEquals(Syscalls.S_IFBLK, mode(layer.resolve("dev/loop0")) & S_IFMT);
        assertEquals(Syscalls.device(7, 0), attribute(layer.resolve("dev/loop0"), "rdev"));
        assertEquals(Syscalls.S_IFIFO | 0620, mode(layer.resolve("run/fifo")));
    }

    @Test
    void mtimesKeepNanosAndDirectoriesKeepTheirsAfterChildrenAreWritten() throws Exception {
        FileTime nanos = FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_700));
        TarArchiveEntry file = LayerTar.entry("etc/hostname", TarConstants.LF_NORMAL);
        file.setLastModifiedTime(nanos);

        unpack(new LayerTar().dir("etc/").add(file, "box\n".getBytes(StandardCharsets.UTF_8)).file("etc/hosts", "")
                .file("etc/later", ""));

        assertEquals(nanos, Files.getLastModifiedTime(layer.resolve("etc/hostname")));
        assertEquals(LayerTar.MTIME, Files.getLastModifiedTime(layer.resolve("etc")));
    }

    @Test
    void xattrsComeFromPaxHeadersByteForByte() throws Exception {
        // VFS_CAP_REVISION_2 with cap_setuid (bit 7) effective and permitted: 0x80 is not UTF-8.
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        TarArchiveEntry ping = mode(LayerTar.entry("bin/ping", TarConstants.LF_NORMAL), 0755);
        ping.addPaxHeader("SCHILY.xattr.user.comment", "héllo");

        unpack(new LayerTar()
                .add(ping, new byte[10])
                .rawPaxRecord("SCHILY.xattr.security.capability", capability)
                .add(mode(LayerTar.entry("bin/newuidmap", TarConstants.LF_NORMAL), 0755), new byte[10]));

        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8),
                sys.getXattr(layer.resolve("bin/ping"), "user.comment"));
        assertArrayEquals(capability, sys.getXattr(layer.resolve("bin/newuidmap"), "security.capability"));
    }

    @Test
    void overlayXattrsFromTheLayerAreDropped() throws Exception {
        TarArchiveEntry d = LayerTar.entry("d", TarConstants.LF_DIR);
        d.addPaxHeader("SCHILY.xattr.trusted.overlay.redirect", "/etc");

        unpack(new LayerTar().add(d));

        assertNull(sys.getXattr(layer.resolve("d"), "trusted.overlay.redirect"));
    }

    @Test
    void longNamesInPaxAndGnuForm() throws Exception {
        String deep = "a".repeat(90) + "/" + "b".repeat(90) + "/" + "c".repeat(90);
        for (LayerTar tar : List.of(new LayerTar(), new LayerTar().gnuLongNames())) {
            Path into = Files.createDirectory(dir.resolve("long" + System.nanoTime()));
            new LayerUnpacker(sys).unpack(new ByteArrayInputStream(tar.file(deep + "/file", "x")
                    .symlink(deep + "/link", "../" + "t".repeat(150)).hardlink(deep + "/hard", deep + "/file")
                    .bytes()), into);

            assertEquals("x", Files.readString(into.resolve(deep + "/file")));
            assertEquals("../" + "t".repeat(150), Files.readSymbolicLink(into.resolve(deep + "/link")).toString());
            assertEquals(2, attribute(into.resolve(deep + "/file"), "nlink"));
        }
    }

    @Test
    void theRootEntryLeavesTheTargetAlone() throws Exception {
        int before = mode(layer);

        unpack(new LayerTar().add(owned(mode(LayerTar.entry("./", TarConstants.LF_DIR), 0700), 1000, 1000))
                .file("./etc", "x"));

        assertEquals(before, mode(layer));
        assertEquals(0, attribute(layer, "uid"));
        assertEquals("x", Files.readString(layer.resolve("etc")));
    }

    // ---- the same path twice

    @Test
    void aLaterEntryReplacesAnEarlierOne() throws Exception {
        unpack(new LayerTar()
                .file("f-then-dir", "x").dir("f-then-dir/")
                .dir("dir-then-f/").file("dir-then-f/child", "x").file("dir-then-f", "now a file")
                .symlink("link-then-dir", outside.toString()).dir("link-then-dir")
                .file("twice", "first").file("twice", "second"));

        assertTrue(Files.isDirectory(layer.resolve("f-then-dir"), NOFOLLOW));
        assertEquals("now a file", Files.readString(layer.resolve("dir-then-f")));
        assertTrue(Files.isDirectory(layer.resolve("link-then-dir"), NOFOLLOW));
        assertEquals("second", Files.readString(layer.resolve("twice")));
        assertNothingOutside();
    }

    @Test
    void aDirectoryListedAgainOnlyChangesItsAttributes() throws Exception {
        unpack(new LayerTar()
                .file("p/q/file", "kept")
                .add(owned(mode(LayerTar.entry("p/", TarConstants.LF_DIR), 0700), 1000, 1000))
                .dir("p/q").add(mode(LayerTar.entry("p/q", TarConstants.LF_DIR), 0750)));

        assertEquals("kept", Files.readString(layer.resolve("p/q/file")));
        assertEquals(0700, mode(layer.resolve("p")) & 07777);
        assertEquals(1000, attribute(layer.resolve("p"), "uid"));
        assertEquals(0750, mode(layer.resolve("p/q")) & 07777);
    }

    // ---- whiteouts

    @Test
    void aWhiteoutBecomesACharDevice00OwnedAsItsHeaderSays() throws Exception {
        unpack(new LayerTar().dir("etc").add(owned(LayerTar.entry("etc/.wh.motd", TarConstants.LF_NORMAL), 1000, 1000))
                // A whiteout's contents are skipped, however many there are.
                .add(LayerTar.entry(".wh.top", TarConstants.LF_NORMAL), new byte[70_000]).file("after", "read"));

        Path motd = layer.resolve("etc/motd");
        assertEquals(Syscalls.S_IFCHR, mode(motd));
        assertEquals(0L, attribute(motd, "rdev"));
        assertEquals(1000, attribute(motd, "uid"));
        assertEquals(1000, attribute(motd, "gid"));
        assertEquals(Syscalls.S_IFCHR, mode(layer.resolve("top")));
        assertFalse(Files.exists(layer.resolve("etc/.wh.motd"), NOFOLLOW));
        assertFalse(Files.exists(layer.resolve(".wh.top"), NOFOLLOW));
        assertEquals("read", Files.readString(layer.resolve("after")));
    }

    @Test
    void anOpaqueWhiteoutMarksItsDirectory() throws Exception {
        unpack(new LayerTar().dir("var").dir("var/cache")
                .add(LayerTar.entry("var/cache/.wh..wh..opq", TarConstants.LF_NORMAL))
                .add(LayerTar.entry("new/.wh..wh..opq", TarConstants.LF_NORMAL)));

        assertArrayEquals(new byte[] {'y'}, sys.getXattr(layer.resolve("var/cache"), "trusted.overlay.opaque"));
        assertArrayEquals(new byte[] {'y'}, sys.getXattr(layer.resolve("new"), "trusted.overlay.opaque"));
        assertNull(sys.getXattr(layer.resolve("var"), "trusted.overlay.opaque"));
        assertEquals(List.of(), list(layer.resolve("var/cache")));
    }

    @Test
    void aufsBookkeepingIsSkipped() throws Exception {
        unpack(new LayerTar().dir(".wh..wh.plnk").file(".wh..wh.plnk/123.456", "x").file(".wh..wh.aufs", "")
                .add(LayerTar.entry("d/.wh..wh.orph", TarConstants.LF_NORMAL)));

        assertEquals(List.of(), list(layer));
    }

    @Test
    void aWhiteoutHidesOnlyLowerLayersNotTheLayersOwnEntries() throws Exception {
        unpack(new LayerTar()
                .file("file-first", "kept").add(LayerTar.entry(".wh.file-first", TarConstants.LF_NORMAL))
                .add(LayerTar.entry(".wh.file-after", TarConstants.LF_NORMAL)).file("file-after", "kept")
                .dir("dir-first").add(LayerTar.entry(".wh.dir-first", TarConstants.LF_NORMAL))
                .add(LayerTar.entry(".wh.dir-after", TarConstants.LF_NORMAL)).file("dir-after/child", "x"));

        assertEquals("kept", Files.readString(layer.resolve("file-first")));
        assertEquals("kept", Files.readString(layer.resolve("file-after")));
        // The lower directory is gone and this layer's replaces it: overlayfs calls that opaque.
        assertArrayEquals(new byte[] {'y'}, sys.getXattr(layer.resolve("dir-first"), "trusted.overlay.opaque"));
        assertArrayEquals(new byte[] {'y'}, sys.getXattr(layer.resolve("dir-after"), "trusted.overlay.opaque"));
        assertEquals(0755, mode(layer.resolve("dir-after")) & 07777);
    }

    // ---- hostile layers: refused, naming the entry, and nothing outside the target touched

    @Test
    void refusesDotDot() {
        assertRefused(new LayerTar().file("../outside/pwned", "x"), "../outside/pwned", "path escapes the layer");
    }

    @Test
    void refusesDotDotInTheMiddle() {
        assertRefused(new LayerTar().file("usr/../../outside/pwned", "x"), "usr/../../outside/pwned",
                "path escapes the layer");
    }

    @Test
    void refusesAnAbsoluteName() {
        String name = outside.resolve("pwned").toString();
        assertRefused(new LayerTar().file(name, "x"), name, "path is absolute");
    }

    @Test
    void refusesToWriteThroughASymlinkParent() {
        assertRefused(new LayerTar().symlink("x", outside.toString()).file("x/sentinel", "overwritten"),
                "x/sentinel", "parent \"x\" is a symbolic link");
    }

    @Test
    void refusesToMakeDirectoriesThroughASymlinkParent() {
        assertRefused(new LayerTar().symlink("x", outside.toString()).dir("x/cron.d/"),
                "x/cron.d/", "parent \"x\" is a symbolic link");
    }

    @Test
    void refusesASymlinkToDotUsedAsAParent() {
        assertRefused(new LayerTar().symlink("up", "..").file("up/outside/pwned", "x"), "up/outside/pwned",
                "parent \"up\" is a symbolic link");
    }

    @Test
    void refusesAWhiteoutThroughASymlinkParent() {
        assertRefused(new LayerTar().symlink("x", outside.toString()).add(LayerTar.entry("x/.wh.sentinel",
                TarConstants.LF_NORMAL)), "x/.wh.sentinel", "parent \"x\" is a symbolic link");
    }

    @Test
    void refusesAHardlinkOutOfTheLayer() {
        assertRefused(new LayerTar().hardlink("h", "../outside/sentinel"), "h",
                "hardlink target \"../outside/sentinel\" escapes the layer");
    }

    @Test
    void refusesAHardlinkToAnAbsolutePath() {
        String shadow = sentinel.toString();
        assertRefused(new LayerTar().hardlink("h", shadow), "h", "hardlink target \"" + shadow + "\" is absolute");
    }

    @Test
    void refusesAHardlinkToEtcShadow() {
        assertRefused(new LayerTar().hardlink("shadow", "/etc/shadow"), "shadow",
                "hardlink target \"/etc/shadow\" is absolute");
    }

    @Test
    void refusesAHardlinkThroughASymlinkParent() {
        assertRefused(new LayerTar().symlink("x", outside.toString()).hardlink("h", "x/sentinel"), "h",
                "hardlink target \"x/sentinel\" is not a file this layer wrote before it");
    }

    @Test
    void refusesAHardlinkToWhatTheLayerDoesNotHold() {
        assertRefused(new LayerTar().hardlink("h", "etc/shadow"), "h",
                "hardlink target \"etc/shadow\" is not a file this layer wrote before it");
    }

    @Test
    void refusesAWhiteoutOfDotDot() {
        assertRefused(new LayerTar().add(LayerTar.entry("a/.wh...", TarConstants.LF_NORMAL)), "a/.wh...",
                "whiteout of \"..\" escapes its directory");
    }

    @Test
    void refusesABareWhiteout() {
        assertRefused(new LayerTar().add(LayerTar.entry("a/.wh.", TarConstants.LF_NORMAL)), "a/.wh.",
                "whiteout names no entry");
    }

    @Test
    void refusesANulInAName() {
        String name = "n".repeat(120) + "\0/../../outside/pwned";
        assertRefused(new LayerTar().file(name, "x"), name, "path contains a NUL byte");
    }

    /** Found by LayerEntriesFuzzTest: the detail held the name raw, and the work directory's path. */
    @Test
    void aFailureNamesThePathAsTheLayerDoesOnOneLine() {
        String xattr = "user." + "n".repeat(300);
        TarArchiveEntry entry = LayerTar.entry("a\nb", TarConstants.LF_NORMAL);
        entry.addPaxHeader("SCHILY.xattr." + xattr, "v");
        assertRefused(new LayerTar().add(entry, new byte[1]), "a\nb",
                "setxattr " + xattr + " `a\\x0ab`: Numerical result out of range");
    }

    @Test
    void refusesAnUnknownEntryType() {
        assertRefused(new LayerTar().add(LayerTar.entry("label", (byte) 'V')), "label",
                "unsupported entry type \"V\"");
    }

    // ---- helpers

    private long unpack(LayerTar tar) throws IOException, StoreException {
        return new LayerUnpacker(sys).unpack(new ByteArrayInputStream(tar.bytes()), layer);
    }

    private void assertRefused(LayerTar tar, String entry, String detail) {
        StoreException e = assertThrows(StoreException.class, () -> unpack(tar));
        assertEquals("unpack layer entry " + BadEntryException.quoted(entry) + ": " + detail, e.getMessage());
        assertNothingOutside();
    }

    private void assertNothingOutside() {
        try {
            assertEquals(outsideBefore, outsideTarget());
            assertEquals("host secret", Files.readString(sentinel));
            assertEquals(LayerTar.MTIME, Files.getLastModifiedTime(sentinel));
            assertEquals(1, attribute(sentinel, "nlink"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every path under the test directory but the target's tree, with its type, mode and owner. */
    private List<String> outsideTarget() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.startsWith(layer)).sorted().map(p -> {
                try {
                    return dir.relativize(p) + " " + Integer.toOctalString(mode(p)) + " " + attribute(p, "uid");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int mode(Path p) throws IOException {
        return (int) attribute(p, "mode");
    }

    private static Object attribute(Path p, String name) throws IOException {
        return Files.getAttribute(p, "unix:" + name, NOFOLLOW);
    }

    private static TarArchiveEntry mode(TarArchiveEntry e, int mode) {
        e.setMode(mode);
        return e;
    }

    private static TarArchiveEntry owned(TarArchiveEntry e, int uid, int gid) {
        e.setIds(uid, gid);
        return e;
    }

    private static TarArchiveEntry device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = mode(LayerTar.entry(name, type), 0666);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return e;
    }
}
