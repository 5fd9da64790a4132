package dev.minidocker.linux;

import java.nio.file.Path;
import java.util.List;

/**
 * The Linux calls that the JDK lacks. Callers hold this interface, so that code which orders
 * privileged calls can be tested with a recording fake; {@link #system()} is the real kernel.
 * Calls on paths never follow a symbolic link in the last component.
 */
public interface Syscalls {
    int S_IFCHR = 0020000;
    int S_IFBLK = 0060000;
    int S_IFIFO = 0010000;

    long MS_RDONLY = 1;
    long MS_NOSUID = 2;
    long MS_NODEV = 4;
    long MS_NOEXEC = 8;
    long MS_REMOUNT = 32;
    long MS_BIND = 4096;
    long MS_REC = 16384;
    long MS_PRIVATE = 1 << 18;
    long MS_SLAVE = 1 << 19;

    int MNT_DETACH = 2;

    /** The kernel, through FFM. */
    static Syscalls system() {
        return NativeSyscalls.instance();
    }

    /** mknodat(2): a device node or FIFO; {@code mode} carries the file type bits. */
    void mknod(Path path, int mode, long device) throws LinuxException;

    /**
     * symlinkat(2): {@code target} is stored byte for byte (UTF-8), where {@code Path} would drop a
     * trailing or doubled slash.
     */
    void symlink(String target, Path link) throws LinuxException;

    /** fchownat(2) without following a final symlink. */
    void lchown(Path path, int uid, int gid) throws LinuxException;

    /**
     * fchmodat(2) with all twelve mode bits (setuid, setgid, sticky included). Unlike the other
     * calls it follows a final symlink: Linux has no lchmod before fchmodat2 (6.6).
     */
    void chmod(Path path, int mode) throws LinuxException;

    /** utimensat(2) setting access and modification time, without following a final symlink. */
    void setTimes(Path path, long epochSecond, int nanos) throws LinuxException;

    /** lsetxattr(2). */
    void setXattr(Path path, String name, byte[] value) throws LinuxException;

    /** lgetxattr(2); null when the attribute is absent. */
    byte[] getXattr(Path path, String name) throws LinuxException;

    /** llistxattr(2). */
    List<String> listXattrs(Path path) throws LinuxException;

    /** mount(2); {@code data} may be null. */
    void mount(String source, Path target, String type, long flags, String data) throws LinuxException;

    /** umount2(2). */
    void unmount(Path target, int flags) throws LinuxException;

    /** kill(2): sends {@code signal} to process {@code pid}. */
    void kill(long pid, int signal) throws LinuxException;

    /** makedev(3). */
    static long device(int major, int minor) {
        return ((long) (major & 0xfffff000) << 32) | ((major & 0xfffL) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xffL);
    }
}
