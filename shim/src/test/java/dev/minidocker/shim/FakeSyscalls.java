package dev.minidocker.shim;

import dev.minidocker.linux.CapabilitySets;
import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import dev.minidocker.linux.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records each call as one line ({@code mount proc /r/proc proc nosuid|nodev|noexec}) and does
 * nothing, or fails the calls whose line starts with a chosen prefix.
 */
final class FakeSyscalls implements Syscalls {
    private static final Map<Long, String> FLAG_NAMES = new LinkedHashMap<>();

    static {
        FLAG_NAMES.put(MS_RDONLY, "ro");
        FLAG_NAMES.put(MS_NOSUID, "nosuid");
        FLAG_NAMES.put(MS_NODEV, "nodev");
        FLAG_NAMES.put(MS_NOEXEC, "noexec");
        FLAG_NAMES.put(MS_REMOUNT, "remount");
        FLAG_NAMES.put(MS_BIND, "bind");
        FLAG_NAMES.put(MS_REC, "rec");
        FLAG_NAMES.put(MS_PRIVATE, "private");
        FLAG_NAMES.put(MS_SLAVE, "slave");
        FLAG_NAMES.put(MS_RELATIME, "relatime");
        FLAG_NAMES.put(MS_STRICTATIME, "strictatime");
    }

    /** Synchronized: the shim joins its cgroups on a thread of its own. */
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Errno> failures = new LinkedHashMap<>();
    private int nextFd = 100;
    long held = 0x1fffefffffbL;

    /** Makes the calls whose line starts with {@code prefix} fail with {@code errno}. */
    FakeSyscalls failOn(String prefix, Errno errno) {
        failures.put(prefix, errno);
        return this;
    }

    /** The position of the first call starting with {@code prefix}; fails the test when there is none. */
    int indexOf(String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call " + prefix + " in\n" + String.join("\n", calls));
    }

    int lastIndexOf(String prefix) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call " + prefix + " in\n" + String.join("\n", calls));
    }

    private void record(String name, Object... args) throws LinuxException {
        StringBuilder line = new StringBuilder(name);
        for (Object a : args) {
            line.append(' ').append(a);
        }
        calls.add(line.toString());
        for (Map.Entry<String, Errno> f : failures.entrySet()) {
            if (line.toString().startsWith(f.getKey())) {
                throw new LinuxException(name, String.valueOf(args.length > 0 ? args[0] : ""), f.getValue().number());
            }
        }
    }

    static String flags(long flags) {
        List<String> names = new ArrayList<>();
        FLAG_NAMES.forEach((bit, name) -> {
            if ((flags & bit) != 0) {
                names.add(name);
            }
        });
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    @Override
    public void mount(String source, Path target, String type, long flags, String data) throws LinuxException {
        record("mount", source, target, type, flags(flags) + (data == null ? "" : " " + data));
    }

    @Override
    public void unmount(Path target, int flags) throws LinuxException {
        record("umount", target, flags);
    }

    @Override
    public void mknod(Path path, int mode, long device) throws LinuxException {
        record("mknod", path, Integer.toOctalString(mode), device);
    }

    @Override
    public void symlink(String target, Path link) throws LinuxException {
        record("symlink", link, target);
    }

    @Override
    public void lchown(Path path, int uid, int gid) throws LinuxException {
        record("lchown", path, uid, gid);
    }

    @Override
    public void chmod(Path path, int mode) throws LinuxException {
        record("chmod", path, Integer.toOctalString(mode));
    }

    @Override
    public void setTimes(Path path, long epochSecond, int nanos) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setXattr(Path path, String name, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getXattr(Path path, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> listXattrs(Path path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void kill(long pid, int signal) throws LinuxException {
        record("kill", pid, signal);
    }

    @Override
    public int open(Path path, int accessMode) throws LinuxException {
        record("open", path, accessMode);
        return nextFd++;
    }

    @Override
    public int mountDetached(String type, List<String> options) throws LinuxException {
        record("mountDetached", type + " " + options, "= " + nextFd);
        return nextFd++;
    }

    @Override
    public int openInRoot(int rootFd, String path, boolean followLast) throws LinuxException {
        record("openInRoot", rootFd + " " + path, "= " + nextFd);
        return nextFd++;
    }

    @Override
    public int openDirectory(Path path) throws LinuxException {
        record("openDirectory", path, "= " + nextFd);
        return nextFd++;
    }

    @Override
    public int loadBpfProgram(int type, long[] instructions, String license) throws LinuxException {
        record("bpf_prog_load", "type " + type, instructions.length + " instructions", license, "= " + nextFd);
        return nextFd++;
    }

    @Override
    public void attachBpfProgram(int targetFd, int programFd, int attachType, int flags) throws LinuxException {
        record("bpf_prog_attach", "program " + programFd, "to " + targetFd, "type " + attachType, "flags " + flags);
    }

    @Override
    public void close(int fd) throws LinuxException {
        record("close", fd);
    }

    @Override
    public void write(int fd, byte[] bytes, Object subject) throws LinuxException {
        // Which thread writes matters: a cgroup's tasks file moves the writing thread alone.
        record("write", fd, new String(bytes, StandardCharsets.UTF_8), subject, "by " + Thread.currentThread().getName());
    }

    @Override
    public void dup3(int oldFd, int newFd) throws LinuxException {
        record("dup3", oldFd, newFd);
    }

    @Override
    public void ioctl(int fd, long request, long arg) throws LinuxException {
        record("ioctl", fd, "0x" + Long.toHexString(request), arg);
    }

    @Override
    public void mkdir(Path path, int mode) throws LinuxException {
        record("mkdir", path, Integer.toOctalString(mode));
    }

    @Override
    public void chdir(Path dir) throws LinuxException {
        record("chdir", dir);
    }

    @Override
    public void fchdir(int fd) throws LinuxException {
        record("fchdir", fd);
    }

    @Override
    public void pivotRoot(Path newRoot, Path putOld) throws LinuxException {
        record("pivot_root", newRoot, putOld);
    }

    @Override
    public void sethostname(String name) throws LinuxException {
        record("sethostname", name);
    }

    @Override
    public void unshare(int flags) throws LinuxException {
        record("unshare", "0x" + Integer.toHexString(flags));
    }

    @Override
    public void setgroups(int[] gids) throws LinuxException {
        record("setgroups", Arrays.toString(gids));
    }

    @Override
    public void setresgid(int real, int effective, int saved) throws LinuxException {
        record("setresgid", real, effective, saved);
    }

    @Override
    public void setresuid(int real, int effective, int saved) throws LinuxException {
        record("setresuid", real, effective, saved);
    }

    @Override
    public CapabilitySets capget() throws LinuxException {
        record("capget");
        return new CapabilitySets(held, held, 0);
    }

    @Override
    public void capset(CapabilitySets sets) throws LinuxException {
        record("capset", Long.toHexString(sets.effective()), Long.toHexString(sets.permitted()),
                Long.toHexString(sets.inheritable()));
    }

    @Override
    public void dropBoundingCapability(int capability) throws LinuxException {
        record("drop", capability);
    }

    @Override
    public void setNoNewPrivileges() throws LinuxException {
        record("no_new_privs");
    }

    @Override
    public void setSeccompFilter(byte[] program) throws LinuxException {
        record("seccomp", program.length / 8);
    }

    @Override
    public void setRlimit(int resource, long soft, long hard) throws LinuxException {
        record("setrlimit", resource, soft, hard);
    }

    @Override
    public void closeRange(int first, int last, int flags) throws LinuxException {
        record("close_range", first, last, flags);
    }

    @Override
    public long mountFlags(Path path) throws LinuxException {
        return MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME;
    }

    @Override
    public void clearSignalMask() throws LinuxException {
        record("clear signal mask");
    }

    @Override
    public boolean unignoreSignal(int signal) {
        return false;
    }

    @Override
    public void execve(String path, List<String> argv, List<String> env) throws LinuxException {
        record("execve", path, argv, env);
    }
}
