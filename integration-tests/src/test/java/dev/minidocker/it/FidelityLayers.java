package dev.minidocker.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The layers of the image that exercises what an unpacker must get right: whiteouts, an opaque
 * directory, hard links (also to setuid files and across a whiteout of one of their names),
 * absolute, relative, dangling and directory symlinks, names and link targets over 100 bytes,
 * non-ASCII names, setuid/setgid/sticky bits, files owned by uid 1000, devices and FIFOs, a file
 * that becomes a directory and a file again, a directory that becomes a file, a directory whose
 * mode changes in a later layer, and an empty layer.
 */
final class FidelityLayers {
    static final String LONG_DIRECTORY = "deep/" + "a-directory-name-long-enough-to-matter/".repeat(4);
    static final String LONG_NAME = "file-with-a-name-longer-than-one-hundred-bytes-".repeat(4) + "end.txt";

    private FidelityLayers() {
    }

    /** The tars, lowest layer first. */
    static List<byte[]> tars() {
        return List.of(base(), changes(), shapeBack(), new LayerTar().bytes());
    }

    private static byte[] base() {
        LayerTar tar = new LayerTar()
                .dir("etc", 0755)
                .file("etc/hostname", 0644, "base\n")
                .file("etc/removeme", 0644, "to be whited out\n")
                .file("etc/empty", 0644, "")
                .file("etc/locked", 0000, "nobody may read this\n")
                .symlink("etc/absolute-link", "/etc/hostname")
                .dir("gone", 0755).file("gone/a", 0644, "a\n").dir("gone/sub", 0700).file("gone/sub/b", 0644, "b\n")
                .dir("opq", 0755).file("opq/old", 0644, "old\n").dir("opq/sub", 0755)
                .file("opq/sub/old2", 0644, "old2\n")
                .dir("data", 0755)
                .file("data/orig", 0644, "hard linked\n")
                .hardlink("data/link", "data/orig")
                .hardlink("data/another-link", "data/orig")
                .symlink("data/relative-link", "../etc/hostname")
                .symlink("data/dangling", "/does/not/exist")
                .symlink("data/directory-link", "../opq")
                .file("data/ünïcödé name ✓.txt", 0644, "utf-8 name\n")
                .dir("usr", 0755).dir("usr/bin", 0755)
                .file("usr/bin/setuid", 04755, "#!/bin/sh\n")
                .file("usr/bin/setgid", 02755, "#!/bin/sh\n")
                .file("usr/bin/setuid-setgid", 06711, "#!/bin/sh\n")
                .hardlink("usr/bin/setuid-link", "usr/bin/setuid")
                .dir("usr/share", 02775, 0, 50)
                .dir("tmp", 01777)
                .dir("home", 0755).dir("home/user", 0750, 1000, 1000)
                .file("home/user/.profile", 0644, 1000, 1000, bytes("export PS1='$ '\n"))
                .file("home/user/private", 0600, 1000, 1000, bytes("mine\n"))
                .dir("dev", 0755).charDevice("dev/null", 0666, 1, 3).fifo("dev/pipe", 0620)
                .file("shape", 0644, "a file\n")
                .dir("shape2", 0755).file("shape2/inside", 0644, "inside\n")
                .dir("var", 0755).dir("var/cache", 0755)
                .file("var/cache/random.bin", 0644, 0, 0, random(256 * 1024));
        String path = "";
        for (String part : LONG_DIRECTORY.split("/")) {
            path += part;
            tar.dir(path, 0755);
            path += "/";
        }
        return tar.file(LONG_DIRECTORY + LONG_NAME, 0644, "long\n")
                .hardlink("deep/hardlink-to-long-name", LONG_DIRECTORY + LONG_NAME)
                .symlink("deep/symlink-to-long-name", "/" + LONG_DIRECTORY + LONG_NAME)
                .file("deep/" + LONG_NAME, 0644, "a long name at the top\n")
                .bytes();
    }

    private static byte[] changes() {
        return new LayerTar()
                .dir("etc", 0755)
                .whiteout("etc/removeme")
                .file("etc/hostname", 0600, "changed\n")
                .whiteout("gone")
                .dir("opq", 0755).opaque("opq").file("opq/new", 0644, "new\n")
                .dir("data", 0755)
                .whiteout("data/another-link")
                .file("data/second-layer", 0644, "second layer\n")
                .hardlink("data/second-layer-link", "data/second-layer")
                .dir("usr", 0711)
                .dir("home", 0755).dir("home/user", 0750, 1000, 1000)
                .file("home/user/.profile", 0640, 1000, 1000, bytes("export PS1='# '\n"))
                .dir("shape", 0755).file("shape/inside", 0644, "now a directory\n")
                .file("shape2", 0644, "a directory became this file\n")
                .bytes();
    }

    private static byte[] shapeBack() {
        return new LayerTar().file("shape", 0755, "a file again\n").bytes();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] content = new byte[size];
        new Random(42).nextBytes(content);
        return content;
    }
}
