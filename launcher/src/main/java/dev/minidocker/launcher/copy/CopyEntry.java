package dev.minidocker.launcher.copy;

import java.nio.file.attribute.FileTime;

/**
 * One file of a copy, as a tar header says it: {@code name} relative to where the copy lands
 * ({@code dir/file}), {@code mode} with its type bits (S_IFDIR...), {@code link} the target of a
 * symbolic link, or for a hard link ({@code hardLink}) the name of an earlier entry.
 */
record CopyEntry(String name, int mode, int uid, int gid, long device, long size, FileTime modified, String link,
        boolean hardLink) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;

    boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    boolean isFile() {
        return !hardLink && (mode & S_IFMT) == S_IFREG;
    }

    boolean isSymbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** A device node or FIFO, made with mknod. */
    boolean isSpecial() {
        return !hardLink && !isDirectory() && !isFile() && !isSymbolicLink();
    }

    int permissions() {
        return mode & 07777;
    }

    CopyEntry owned(int newUid, int newGid) {
        return new CopyEntry(name, mode, newUid, newGid, device, size, modified, link, hardLink);
    }
}
