package dev.minidocker.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * All calls go through one downcall handle on the variadic syscall(2): each distinct FFM
 * signature costs 20-60 ms of start-up, one handle serves every call.
 */
final class NativeSyscalls implements Syscalls {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int ENODATA = 61;
    private static final int ERANGE = 34;

    private static volatile NativeSyscalls instance;

    private final MethodHandle syscall;
    private final StructLayout callState = Linker.Option.captureStateLayout();
    private final VarHandle errnoHandle =
            callState.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private NativeSyscalls() {
        Linker linker = Linker.nativeLinker();
        MemorySegment address = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("libc has no syscall(2)"));
        ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
        syscall = linker.downcallHandle(address, FunctionDescriptor.of(l, l, l, l, l, l, l, l),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
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

    /** Calls syscall(nr, a...) and returns its result, or throws naming {@code call} and {@code subject}. */
    long call(Arena arena, String name, Object subject, SyscallNumber nr, long... args) throws LinuxException {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        MemorySegment state = arena.allocate(callState);
        long result;
        try {
            result = (long) syscall.invokeExact(state, (long) nr.number(), a[0], a[1], a[2], a[3], a[4], a[5]);
        } catch (Throwable t) {
            throw new IllegalStateException("syscall(2) downcall failed", t);
        }
        if (result == -1) {
            throw new LinuxException(name, String.valueOf(subject), (int) errnoHandle.get(state, 0L));
        }
        return result;
    }

    static long str(Arena arena, Object s) {
        return s == null ? 0 : arena.allocateFrom(s.toString()).address();
    }

    @Override
    public void mknod(Path path, int mode, long device) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "mknod", path, SyscallNumber.MKNODAT, AT_FDCWD, str(arena, path), mode, device);
        }
    }

    @Override
    public void symlink(String target, Path link) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "symlink", link, SyscallNumber.SYMLINKAT, str(arena, target), AT_FDCWD, str(arena, link));
        }
    }

    @Override
    public void lchown(Path path, int uid, int gid) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "lchown", path, SyscallNumber.FCHOWNAT, AT_FDCWD, str(arena, path), uid, gid, AT_SYMLINK_NOFOLLOW);
        }
    }

    @Override
    public void chmod(Path path, int mode) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "chmod", path, SyscallNumber.FCHMODAT, AT_FDCWD, str(arena, path), mode & 07777, 0);
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
            call(arena, "utimensat", path, SyscallNumber.UTIMENSAT, AT_FDCWD, str(arena, path), times.address(),
                    AT_SYMLINK_NOFOLLOW);
        }
    }

    @Override
    public void setXattr(Path path, String name, byte[] value) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            call(arena, "setxattr " + name, path, SyscallNumber.LSETXATTR, str(arena, path), str(arena, name),
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
                    long len = call(arena, "getxattr " + name, path, SyscallNumber.LGETXATTR, p, n, buf.address(), size);
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
                    long len = call(arena, "listxattr", path, SyscallNumber.LLISTXATTR, p, buf.address(), size);
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
            call(arena, "mount", target, SyscallNumber.MOUNT, str(arena, source), str(arena, target), str(arena, type), flags,
                    str(arena, data));
        }
    }

    @Override
    public void unmount(Path target, int flags) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "umount", target, SyscallNumber.UMOUNT2, str(arena, target), flags);
        }
    }

    @Override
    public void kill(long pid, int signal) throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            call(arena, "kill", "pid " + pid, SyscallNumber.KILL, pid, signal);
        }
    }
}
