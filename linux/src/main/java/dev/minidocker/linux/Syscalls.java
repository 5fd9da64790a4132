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
    long MS_SYNCHRONOUS = 16;
    long MS_REMOUNT = 32;
    long MS_MANDLOCK = 64;
    long MS_DIRSYNC = 128;
    long MS_NOSYMFOLLOW = 256;
    long MS_NOATIME = 1024;
    long MS_NODIRATIME = 2048;
    long MS_BIND = 4096;
    long MS_REC = 16384;
    long MS_UNBINDABLE = 1 << 17;
    long MS_PRIVATE = 1 << 18;
    long MS_SLAVE = 1 << 19;
    long MS_SHARED = 1 << 20;
    long MS_RELATIME = 1 << 21;
    long MS_STRICTATIME = 1 << 24;

    int MNT_DETACH = 2;

    /** Access modes for {@link #open}. */
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;

    int CLONE_NEWNS = 0x00020000;
    int CLONE_NEWCGROUP = 0x02000000;
    int CLOSE_RANGE_CLOEXEC = 4;
    /** ioctl(2) request making a terminal the caller's controlling terminal (same on amd64 and arm64). */
    long TIOCSCTTY = 0x540E;

    /** bpf(2): the program type of a cgroup's device filter, and the attach type that runs it on each device access. */
    int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    int BPF_CGROUP_DEVICE = 6;
    /** bpf(2) attach flag: the programs of the cgroup and of its ancestors all run, and all must allow. */
    int BPF_F_ALLOW_MULTI = 2;

    /**
     * The system property naming the file of the native library the calls go through, when it is
     * not beside this module's jar (as in tests, which run from target/classes).
     */
    String LIBRARY_PROPERTY = "minidocker.syscall.library";

    /** The kernel, through FFM. */
    static Syscalls system() {
        return NativeSyscalls.instance();
    }

    /**
     * Pays now the one-off cost of the first calls (linking the native downcall, the most costly step of
     * the shim's start-up), for a
     * caller that can do it meanwhile: the shim, while the launcher plans the container.
     */
    default void prepare() {
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

    /**
     * openat(2) with O_CLOEXEC and O_NOCTTY; {@code accessMode} is {@link #O_RDONLY}, {@link #O_WRONLY}
     * or {@link #O_RDWR}. Returns the descriptor.
     */
    int open(Path path, int accessMode) throws LinuxException;

    /**
     * bpf(BPF_PROG_LOAD): loads an eBPF program of {@code type}, each instruction a {@code struct bpf_insn}
     * as one long (opcode in the low byte, then the registers, the offset and the immediate: the
     * struct's bytes in the machine's little-endian order). Returns the program's descriptor.
     */
    int loadBpfProgram(int type, long[] instructions, String license) throws LinuxException;

    /** bpf(BPF_PROG_ATTACH): attaches the program {@code programFd} to {@code targetFd}, e.g. a cgroup directory. */
    void attachBpfProgram(int targetFd, int programFd, int attachType, int flags) throws LinuxException;

    /** openat(2) of a directory (O_RDONLY, O_DIRECTORY, O_CLOEXEC), e.g. for {@link #fchdir}. */
    int openDirectory(Path path) throws LinuxException;

    /**
     * openat2(2) of {@code path} below the directory {@code rootFd} with RESOLVE_IN_ROOT: the path,
     * every symbolic link on the way and every {@code ..} are resolved as if {@code rootFd} were /, so
     * nothing outside it can be reached (and no /proc magic link is followed). Returns an O_PATH
     * descriptor, for {@code /proc/self/fd/N} paths; {@code followLast} false opens a final symbolic
     * link itself.
     */
    int openInRoot(int rootFd, String path, boolean followLast) throws LinuxException;

    /**
     * fsopen(2), fsconfig(2) and fsmount(2): a filesystem of {@code type} mounted nowhere, with
     * {@code options} ({@code key=value} pairs, or a bare key for a flag). Returns the descriptor of
     * its root; the mount goes away with the last descriptor, so nothing is left mounted by a
     * process that dies.
     */
    int mountDetached(String type, List<String> options) throws LinuxException;

    /** close(2). */
    void close(int fd) throws LinuxException;

    /** write(2) until every byte is written; {@code subject} names the file in errors. */
    void write(int fd, byte[] bytes, Object subject) throws LinuxException;

    /** dup3(2) with no flags: {@code newFd} becomes a copy of {@code oldFd} that survives execve. */
    void dup3(int oldFd, int newFd) throws LinuxException;

    /** ioctl(2) with an integer argument. */
    void ioctl(int fd, long request, long arg) throws LinuxException;


    /** mkdirat(2); the umask applies. */
    void mkdir(Path path, int mode) throws LinuxException;

    /** chdir(2): the process's working directory, which java.nio's relative paths ignore. */
    void chdir(Path dir) throws LinuxException;

    /** fchdir(2). */
    void fchdir(int fd) throws LinuxException;

    /** pivot_root(2). */
    void pivotRoot(Path newRoot, Path putOld) throws LinuxException;

    /** sethostname(2), in the caller's UTS namespace. */
    void sethostname(String name) throws LinuxException;

    /** unshare(2) with CLONE_NEW* flags. */
    void unshare(int flags) throws LinuxException;

    /** setgroups(2): the supplementary groups of the calling thread. */
    void setgroups(int[] gids) throws LinuxException;

    /**
     * setresgid(2) as the kernel does it: for the calling thread only (glibc's wrapper changes every
     * thread). Threads other than the caller end at execve.
     */
    void setresgid(int real, int effective, int saved) throws LinuxException;

    /** setresuid(2), for the calling thread only, like {@link #setresgid}. */
    void setresuid(int real, int effective, int saved) throws LinuxException;

    /** capget(2) of the calling thread (capability version 3, 64 bits per set). */
    CapabilitySets capget() throws LinuxException;

    /** capset(2) of the calling thread. */
    void capset(CapabilitySets sets) throws LinuxException;

    /** prctl(PR_CAPBSET_DROP): removes a capability from the calling thread's bounding set. */
    void dropBoundingCapability(int capability) throws LinuxException;

    /** prctl(PR_SET_NO_NEW_PRIVS, 1): execve can no longer grant privileges (setuid bits, file caps). */
    void setNoNewPrivileges() throws LinuxException;

    /**
     * seccomp(SECCOMP_SET_MODE_FILTER, 0, prog): installs {@code program}, an array of struct
     * sock_filter (8 bytes each), as a filter of the calling thread, which its execve passes on.
     * Without no_new_privs it needs CAP_SYS_ADMIN.
     */
    void setSeccompFilter(byte[] program) throws LinuxException;

    /** prlimit64(2) on this process; -1 is RLIM_INFINITY. */
    void setRlimit(int resource, long soft, long hard) throws LinuxException;

    /** close_range(2) from {@code first} to {@code last} (unsigned: -1 is ~0U). */
    void closeRange(int first, int last, int flags) throws LinuxException;

    /** statfs(2)'s mount flags, as MS_* flags (MS_RDONLY, MS_NOSUID, MS_RELATIME...). */
    long mountFlags(Path path) throws LinuxException;

    /** rt_sigprocmask(SIG_SETMASK) to the empty set: no signal stays blocked across execve. */
    void clearSignalMask() throws LinuxException;

    /**
     * rt_sigaction: when {@code signal} is ignored (SIG_IGN survives execve), sets it back to SIG_DFL
     * and returns true; a caught or default signal is left alone.
     */
    boolean unignoreSignal(int signal) throws LinuxException;

    /**
     * execve(2): replaces this process (every thread of it) with {@code path}. Returns only by
     * throwing, naming {@code path}.
     */
    void execve(String path, List<String> argv, List<String> env) throws LinuxException;

    /** makedev(3). */
    static long device(int major, int minor) {
        return ((long) (major & 0xfffff000) << 32) | ((major & 0xfffL) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xffL);
    }
}
