package dev.minidocker.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * All calls go through one downcall handle: each distinct FFM signature is linked at start-up, at
 * a cost that dwarfs the calls, so one handle serves every call. It links
 * {@code minidocker_syscall}, minidocker's own fixed-signature entry to syscall(2) that returns
 * -errno on failure (native/src/main/c/syscall.c), not libc's variadic syscall with errno captured,
 * which FFM links through more method handles. The handle passes the number and five arguments, as
 * many as the calls here take: a sixth would be the seventh integer argument, the first that x86-64
 * passes on the stack, a calling sequence that costs more to link. The figures are in
 * docs/performance.md.
 */
final class NativeSyscalls implements Syscalls {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int ENODATA = 61;
    private static final int ERANGE = 34;
    private static final int O_NOCTTY = 0400;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_DIRECTORY = SyscallNumber.ARM64 ? 040000 : 0200000;
    private static final int O_NOFOLLOW = SyscallNumber.ARM64 ? 0100000 : 0400000;
    private static final int O_PATH = 010000000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_IN_ROOT = 0x10;
    private static final int FSOPEN_CLOEXEC = 1;
    private static final int FSMOUNT_CLOEXEC = 1;
    private static final int FSCONFIG_SET_FLAG = 0;
    private static final int FSCONFIG_SET_STRING = 1;
    private static final int FSCONFIG_CMD_CREATE = 6;
    private static final int KERNEL_LOG_BYTES = 512;
    /** struct open_how: flags, mode, resolve, each a u64. */
    private static final int OPEN_HOW_BYTES = 24;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int SIG_SETMASK = 2;
    private static final long SIG_IGN = 1;
    private static final int SIGSET_BYTES = 8;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SOCK_FILTER_BYTES = 8;
    /** Larger than struct statfs and struct sigaction on amd64 and arm64. */
    private static final int SCRATCH_BYTES = 128;
    private static final int STATFS_F_FLAGS = 80;
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    /** Larger than the bpf_attr members these commands use; the kernel wants the rest zero. */
    private static final int BPF_ATTR_BYTES = 128;

    private static volatile NativeSyscalls instance;

    /** The library's file name, beside minidocker's jars. */
    static final String LIBRARY = "libminidocker-syscall.so";
    /** The largest errno: the kernel reports a failure as -1..-4095, and so does minidocker_syscall. */
    private static final long MAX_ERRNO = 4095;

    /**
     * The downcall handle, made on the first call rather than with the instance: commands that
     * open the store but make no call (images, inspect) do not pay for it.
     */
    private static final class Downcall {
        static final MemorySegment ADDRESS;
        /**
         * Takes the function's address as its first argument: a handle bound to the address is
         * linked with one more method handle, which inserts it.
         */
        static final MethodHandle SYSCALL;

        static {
            Path library = library();
            try {
                ADDRESS = SymbolLookup.libraryLookup(library, Arena.global()).find("minidocker_syscall")
                        .orElseThrow(() -> new IllegalArgumentException("no minidocker_syscall in it"));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cannot load minidocker's system-call library " + library + ": "
                        + e.getMessage(), e);
            }
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            SYSCALL = Linker.nativeLinker().downcallHandle(FunctionDescriptor.of(l, l, l, l, l, l, l));
        }

        private static Path library() {
            String configured = System.getProperty(Syscalls.LIBRARY_PROPERTY);
            if (configured != null) {
                return Path.of(configured);
            }
            try {
                return Path.of(NativeSyscalls.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .resolveSibling(LIBRARY);
            } catch (java.net.URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot tell where minidocker's jars are, to load " + LIBRARY, e);
            }
        }

        private Downcall() {
        }
    }

    /**
     * What a call acts on, put into words only if it fails. Built by concatenation on every call,
     * the words cost the shim a class spun at run time for each shape that its AOT training did
     * not meet (the calls that training only rehearses: pivot_root, the cgroups, exec). Put into
     * words without java.util.Formatter: its locale data is loaded on first use, from the JDK's
     * files, which a shim that has pivoted into the container's root no longer sees.
     *
     * @param format text in which each {@code %d} or {@code %s} stands for the next value, and {@code %x} for it in hex
     */
    private record Subject(String format, Object... values) {
        @Override
        public String toString() {
            StringBuilder words = new StringBuilder();
            int next = 0;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 == format.length()) {
                    words.append(c);
                    continue;
                }
                Object value = values[next++];
                boolean hex = format.charAt(++i) == 'x';
                words.append(!hex ? String.valueOf(value) : value instanceof Integer n ? Integer.toHexString(n)
                        : Long.toHexString(((Number) value).longValue()));
            }
            return words.toString();
        }
    }

    private NativeSyscalls() {
    }

    static NativeSyscalls instance() {
        NativeSyscalls i = instance;
        if (i == null) {
            synchronized (NativeSyscalls.class) {
                if (instance == null) {
                    instance = new NativeSyscalls();
                }
                i = instance;
            }
        }
        return i;
    }

    /**
     * Calls syscall(nr, a...) (at most five; memory they point to is the caller's) and returns its
     * result, or throws naming {@code call} and {@code subject}.
     */
    long call(String name, Object subject, SyscallNumber nr, long... args) throws LinuxException {
        long[] a = new long[5];
        System.arraycopy(args, 0, a, 0, args.length);
        long result;
        try {
            result = (long) Downcall.SYSCALL.invokeExact(Downcall.ADDRESS, (long) nr.number(),
                    a[0], a[1], a[2], a[3], a[4]);
        } catch (ExceptionInInitializerError e) {
            // The library could not be loaded: say which, once, rather than a JVM error's stack.
            throw (IllegalStateException) e.getCause();
        } catch (Throwable t) {
            throw new IllegalStateException("syscall(2) downcall failed", t);
        }
        if (result < 0 && result >= -MAX_ERRNO) {
            throw new LinuxException(name, String.valueOf(subject), (int) -result);
        }
        return result;
    }

    /**
     * The first call links the handle; passing it a string and an array of strings, as mount and
     * execve do (getpid ignores them), also makes what memory arguments first need (method handles
     * and VarHandles spun on first use), off the path to exec.
     */
    @Override
    public void prepare() {
        try (Arena arena = Arena.ofConfined()) {
            call("getpid", "self", SyscallNumber.GETPID, str(arena, "/"), strings(arena, List.of("/")));
        } catch (LinuxException e) {
            throw new IllegalStateException("getpid failed", e);
        }
    }

    /**
     * {@code s} as a C string (0 for null). Its bytes go through a ByteBuffer: Arena.allocateFrom
     * of a String sets a charset path up on first use, which an interpreted JVM pays for.
     */
    static long str(Arena arena, Object s) {
        if (s == null) {
            return 0;
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        // Zeroed on allocation: the byte after them is the terminating NUL.
        MemorySegment c = arena.allocate(bytes.length + 1L);
        c.asByteBuffer().put(bytes);
        return c.address();
    }

    @Override
    public void mknod(Path path, int mode, long device) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("mknod", path, SyscallNumber.MKNODAT, AT_FDCWD, str(arena, path), mode, device);
        }
    }

    @Override
    public void symlink(String target, Path link) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("symlink", link, SyscallNumber.SYMLINKAT, str(arena, target), AT_FDCWD, str(arena, link));
        }
    }

    @Override
    public void lchown(Path path, int uid, int gid) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("lchown", path, SyscallNumber.FCHOWNAT, AT_FDCWD, str(arena, path), uid, gid, AT_SYMLINK_NOFOLLOW);
        }
    }

    @Override
    public void chmod(Path path, int mode) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("chmod", path, SyscallNumber.FCHMODAT, AT_FDCWD, str(arena, path), mode & 07777, 0);
        }
    }

    @Override
    public void setTimes(Path path, long epochSecond, int nanos) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4);
            for (int i = 0; i < 2; i++) {
                times.setAtIndex(ValueLayout.JAVA_LONG, 2L * i, epochSecond);
                times.setAtIndex(ValueLayout.JAVA_LONG, 2L * i + 1, nanos);
            }
            call("utimensat", path, SyscallNumber.UTIMENSAT, AT_FDCWD, str(arena, path), times.address(),
                    AT_SYMLINK_NOFOLLOW);
        }
    }

    @Override
    public void setXattr(Path path, String name, byte[] value) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            call("setxattr " + name, path, SyscallNumber.LSETXATTR, str(arena, path), str(arena, name),
                    v.address(), value.length, 0);
        }
    }

    @Override
    public byte[] getXattr(Path path, String name) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            long p = str(arena, path);
            long n = str(arena, name);
            for (int size = 256; ; size *= 4) {
                MemorySegment buf = arena.allocate(size);
                try {
                    long len = call("getxattr " + name, path, SyscallNumber.LGETXATTR, p, n, buf.address(), size);
                    return buf.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
                } catch (LinuxException e) {
                    if (e.errno() == ENODATA) {
                        return null;
                    }
                    if (e.errno() != ERANGE || size > (1 << 20)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public List<String> listXattrs(Path path) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            long p = str(arena, path);
            for (int size = 1024; ; size *= 4) {
                MemorySegment buf = arena.allocate(size);
                try {
                    long len = call("listxattr", path, SyscallNumber.LLISTXATTR, p, buf.address(), size);
                    return splitNames(buf.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE));
                } catch (LinuxException e) {
                    if (e.errno() != ERANGE || size > (1 << 20)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static List<String> splitNames(byte[] bytes) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (i > start) {
                    names.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    @Override
    public void mount(String source, Path target, String type, long flags, String data) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("mount", target, SyscallNumber.MOUNT, str(arena, source), str(arena, target), str(arena, type), flags,
                    str(arena, data));
        }
    }

    @Override
    public void unmount(Path target, int flags) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("umount", target, SyscallNumber.UMOUNT2, str(arena, target), flags);
        }
    }

    @Override
    public void kill(long pid, int signal) throws LinuxException {
        call("kill", new Subject("pid %d", pid), SyscallNumber.KILL, pid, signal);
    }

    @Override
    public int open(Path path, int accessMode) throws LinuxException {
        return openat(path, (accessMode & 3) | O_CLOEXEC | O_NOCTTY);
    }

    @Override
    public int loadBpfProgram(int type, long[] instructions, String license) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = arena.allocateFrom(ValueLayout.JAVA_LONG, instructions);
            // union bpf_attr for BPF_PROG_LOAD: prog_type, insn_cnt, insns, license; the rest zero (no log).
            MemorySegment attr = arena.allocate(BPF_ATTR_BYTES, 8);
            attr.set(ValueLayout.JAVA_INT, 0, type);
            attr.set(ValueLayout.JAVA_INT, 4, instructions.length);
            attr.set(ValueLayout.JAVA_LONG, 8, insns.address());
            attr.set(ValueLayout.JAVA_LONG, 16, str(arena, license));
            return (int) call("bpf BPF_PROG_LOAD", new Subject("program type %d of %d instructions", type,
                    instructions.length), SyscallNumber.BPF, BPF_PROG_LOAD, attr.address(), BPF_ATTR_BYTES);
        }
    }

    @Override
    public void attachBpfProgram(int targetFd, int programFd, int attachType, int flags) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            // union bpf_attr for BPF_PROG_ATTACH: target_fd, attach_bpf_fd, attach_type, attach_flags.
            MemorySegment attr = arena.allocate(BPF_ATTR_BYTES, 8);
            attr.set(ValueLayout.JAVA_INT, 0, targetFd);
            attr.set(ValueLayout.JAVA_INT, 4, programFd);
            attr.set(ValueLayout.JAVA_INT, 8, attachType);
            attr.set(ValueLayout.JAVA_INT, 12, flags);
            call("bpf BPF_PROG_ATTACH", new Subject("program fd %d to fd %d", programFd, targetFd), SyscallNumber.BPF,
                    BPF_PROG_ATTACH, attr.address(), BPF_ATTR_BYTES);
        }
    }

    @Override
    public int openDirectory(Path path) throws LinuxException {
        return openat(path, O_DIRECTORY | O_CLOEXEC);
    }

    private int openat(Path path, int flags) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            return (int) call("open", path, SyscallNumber.OPENAT, AT_FDCWD, str(arena, path), flags, 0);
        }
    }

    @Override
    public int openInRoot(int rootFd, String path, boolean followLast) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment how = arena.allocate(OPEN_HOW_BYTES, 8);
            how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_CLOEXEC | (followLast ? 0 : O_NOFOLLOW));
            how.set(ValueLayout.JAVA_LONG, 16, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            return (int) call("open", path, SyscallNumber.OPENAT2, rootFd, str(arena, path), how.address(),
                    OPEN_HOW_BYTES);
        }
    }

    @Override
    public int mountDetached(String type, List<String> options) throws LinuxException {
        int context;
        try (Arena arena = Arena.ofConfined()) {
            context = (int) call("fsopen", type, SyscallNumber.FSOPEN, str(arena, type), FSOPEN_CLOEXEC);
        }
        try (Arena arena = Arena.ofConfined()) {
            for (String option : options) {
                int eq = option.indexOf('=');
                Subject subject = new Subject("%s option %s", type, option);
                try {
                    if (eq < 0) {
                        call("fsconfig", subject, SyscallNumber.FSCONFIG, context, FSCONFIG_SET_FLAG,
                                str(arena, option), 0, 0);
                    } else {
                        call("fsconfig", subject, SyscallNumber.FSCONFIG, context, FSCONFIG_SET_STRING,
                                str(arena, option.substring(0, eq)), str(arena, option.substring(eq + 1)), 0);
                    }
                } catch (LinuxException e) {
                    throw new LinuxException("fsconfig", subject.toString(), Errno.describe(e.errno())
                            + kernelLog(context, arena));
                }
            }
            try {
                call("fsconfig", type, SyscallNumber.FSCONFIG, context, FSCONFIG_CMD_CREATE, 0, 0, 0);
            } catch (LinuxException e) {
                throw new LinuxException("fsconfig create", type, Errno.describe(e.errno()) + kernelLog(context, arena));
            }
            return (int) call("fsmount", type, SyscallNumber.FSMOUNT, context, FSMOUNT_CLOEXEC, 0);
        } finally {
            close(context);
        }
    }

    /** What the filesystem said about a refused configuration (read(2) of the context: "e overlay: ..."), or "". */
    private String kernelLog(int context, Arena arena) {
        MemorySegment buffer = arena.allocate(KERNEL_LOG_BYTES);
        StringBuilder log = new StringBuilder();
        try {
            for (long n; (n = call("read", "fs context", SyscallNumber.READ, context, buffer.address(),
                    KERNEL_LOG_BYTES)) > 0;) {
                log.append(" (").append(new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8).strip()).append(')');
            }
        } catch (LinuxException noMore) {
            // ENODATA: the log is empty.
        }
        return log.toString();
    }

    @Override
    public void close(int fd) throws LinuxException {
        call("close", new Subject("fd %d", fd), SyscallNumber.CLOSE, fd);
    }

    @Override
    public void write(int fd, byte[] bytes, Object subject) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            for (long done = 0; done < bytes.length; ) {
                done += call("write", subject, SyscallNumber.WRITE, fd, buf.address() + done,
                        bytes.length - done);
            }
        }
    }

    @Override
    public void dup3(int oldFd, int newFd) throws LinuxException {
        call("dup3", new Subject("fd %d to %d", oldFd, newFd), SyscallNumber.DUP3, oldFd, newFd, 0);
    }

    @Override
    public void ioctl(int fd, long request, long arg) throws LinuxException {
        call("ioctl 0x" + Long.toHexString(request), new Subject("fd %d", fd), SyscallNumber.IOCTL, fd, request, arg);
    }

    @Override
    public void mkdir(Path path, int mode) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("mkdir", path, SyscallNumber.MKDIRAT, AT_FDCWD, str(arena, path), mode);
        }
    }

    @Override
    public void chdir(Path dir) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("chdir", dir, SyscallNumber.CHDIR, str(arena, dir));
        }
    }

    @Override
    public void fchdir(int fd) throws LinuxException {
        call("fchdir", new Subject("fd %d", fd), SyscallNumber.FCHDIR, fd);
    }

    @Override
    public void pivotRoot(Path newRoot, Path putOld) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("pivot_root", newRoot, SyscallNumber.PIVOT_ROOT, str(arena, newRoot), str(arena, putOld));
        }
    }

    @Override
    public void sethostname(String name) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocateFrom(ValueLayout.JAVA_BYTE, name.getBytes(StandardCharsets.UTF_8));
            call("sethostname", name, SyscallNumber.SETHOSTNAME, s.address(), s.byteSize());
        }
    }

    @Override
    public void unshare(int flags) throws LinuxException {
        call("unshare", new Subject("0x%x", flags), SyscallNumber.UNSHARE, flags);
    }

    @Override
    public void setgroups(int[] gids) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocateFrom(ValueLayout.JAVA_INT, gids.length == 0 ? new int[1] : gids);
            call("setgroups", java.util.Arrays.toString(gids), SyscallNumber.SETGROUPS, gids.length,
                    list.address());
        }
    }

    @Override
    public void setresgid(int real, int effective, int saved) throws LinuxException {
        call("setresgid", new Subject("gid %d", effective), SyscallNumber.SETRESGID, real, effective, saved);
    }

    @Override
    public void setresuid(int real, int effective, int saved) throws LinuxException {
        call("setresuid", new Subject("uid %d", effective), SyscallNumber.SETRESUID, real, effective, saved);
    }

    @Override
    public CapabilitySets capget() throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(ValueLayout.JAVA_INT, 6);
            call("capget", "pid 0", SyscallNumber.CAPGET, capHeader(arena), data.address());
            int[] d = data.toArray(ValueLayout.JAVA_INT);
            return new CapabilitySets(join(d[0], d[3]), join(d[1], d[4]), join(d[2], d[5]));
        }
    }

    @Override
    public void capset(CapabilitySets sets) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            long e = sets.effective();
            long p = sets.permitted();
            long i = sets.inheritable();
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_INT,
                    (int) e, (int) p, (int) i, (int) (e >>> 32), (int) (p >>> 32), (int) (i >>> 32));
            call("capset", new Subject("effective 0x%x, permitted 0x%x", e, p),
                    SyscallNumber.CAPSET, capHeader(arena), data.address());
        }
    }

    private static long capHeader(Arena arena) {
        return arena.allocateFrom(ValueLayout.JAVA_INT, LINUX_CAPABILITY_VERSION_3, 0).address();
    }

    private static long join(int low, int high) {
        return ((long) high << 32) | (low & 0xffffffffL);
    }

    @Override
    public void dropBoundingCapability(int capability) throws LinuxException {
        call("prctl PR_CAPBSET_DROP", new Subject("capability %d", capability), SyscallNumber.PRCTL, PR_CAPBSET_DROP, capability);
    }

    @Override
    public void setNoNewPrivileges() throws LinuxException {
        call("prctl PR_SET_NO_NEW_PRIVS", "pid 0", SyscallNumber.PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    }

    @Override
    public void setSeccompFilter(byte[] program) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocateFrom(ValueLayout.JAVA_BYTE, program);
            // struct sock_fprog: the instruction count (an unsigned short, then padding) and a pointer,
            // both written as the 64-bit little-endian words they fill on amd64 and arm64.
            MemorySegment fprog = arena.allocate(ValueLayout.JAVA_LONG, 2);
            fprog.setAtIndex(ValueLayout.JAVA_LONG, 0, program.length / SOCK_FILTER_BYTES);
            fprog.setAtIndex(ValueLayout.JAVA_LONG, 1, filter.address());
            call("seccomp", new Subject("a filter of %d instructions", program.length / SOCK_FILTER_BYTES),
                    SyscallNumber.SECCOMP, SECCOMP_SET_MODE_FILTER, 0, fprog.address());
        }
    }

    @Override
    public void setRlimit(int resource, long soft, long hard) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocateFrom(ValueLayout.JAVA_LONG, soft, hard);
            call("prlimit64", new Subject("resource %d", resource), SyscallNumber.PRLIMIT64, 0, resource, limit.address(), 0);
        }
    }

    @Override
    public void closeRange(int first, int last, int flags) throws LinuxException {
        call("close_range", new Subject("fd %d..%s", first, Integer.toUnsignedString(last)), SyscallNumber.CLOSE_RANGE,
                first & 0xffffffffL, last & 0xffffffffL, flags);
    }

    @Override
    public long mountFlags(Path path) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(SCRATCH_BYTES);
            call("statfs", path, SyscallNumber.STATFS, str(arena, path), buf.address());
            long st = buf.get(ValueLayout.JAVA_LONG, STATFS_F_FLAGS);
            long same = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | MS_MANDLOCK
                    | MS_NOATIME | MS_NODIRATIME;
            long stRelatime = 4096;
            long stNosymfollow = 0x2000;
            return (st & same) | ((st & stRelatime) != 0 ? MS_RELATIME : 0)
                    | ((st & stNosymfollow) != 0 ? MS_NOSYMFOLLOW : 0);
        }
    }

    @Override
    public void clearSignalMask() throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocate(SIGSET_BYTES);
            call("rt_sigprocmask", "SIG_SETMASK", SyscallNumber.RT_SIGPROCMASK, SIG_SETMASK, empty.address(), 0,
                    SIGSET_BYTES);
        }
    }

    @Override
    public boolean unignoreSignal(int signal) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SCRATCH_BYTES);
            call("rt_sigaction", new Subject("signal %d", signal), SyscallNumber.RT_SIGACTION, signal, 0, old.address(),
                    SIGSET_BYTES);
            if (old.get(ValueLayout.JAVA_LONG, 0) != SIG_IGN) {
                return false;
            }
            MemorySegment dfl = arena.allocate(SCRATCH_BYTES);
            call("rt_sigaction", new Subject("signal %d", signal), SyscallNumber.RT_SIGACTION, signal, dfl.address(), 0,
                    SIGSET_BYTES);
            return true;
        }
    }

    @Override
    public void execve(String path, List<String> argv, List<String> env) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call("execve", path, SyscallNumber.EXECVE, str(arena, path), strings(arena, argv),
                    strings(arena, env));
        }
    }

    /** A NULL-terminated array of C strings. */
    private static long strings(Arena arena, List<String> values) {
        // Pointers written as the 64-bit integers they are on amd64 and arm64, as every argument
        // here is passed: the ADDRESS layout's first use spins a VarHandle chain.
        MemorySegment array = arena.allocate(ValueLayout.JAVA_LONG, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.JAVA_LONG, i, str(arena, values.get(i)));
        }
        return array.address();
    }
}
