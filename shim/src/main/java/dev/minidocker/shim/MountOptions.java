package dev.minidocker.shim;

import static dev.minidocker.linux.Syscalls.MS_BIND;
import static dev.minidocker.linux.Syscalls.MS_DIRSYNC;
import static dev.minidocker.linux.Syscalls.MS_MANDLOCK;
import static dev.minidocker.linux.Syscalls.MS_NOATIME;
import static dev.minidocker.linux.Syscalls.MS_NODEV;
import static dev.minidocker.linux.Syscalls.MS_NODIRATIME;
import static dev.minidocker.linux.Syscalls.MS_NOEXEC;
import static dev.minidocker.linux.Syscalls.MS_NOSUID;
import static dev.minidocker.linux.Syscalls.MS_NOSYMFOLLOW;
import static dev.minidocker.linux.Syscalls.MS_PRIVATE;
import static dev.minidocker.linux.Syscalls.MS_RDONLY;
import static dev.minidocker.linux.Syscalls.MS_REC;
import static dev.minidocker.linux.Syscalls.MS_RELATIME;
import static dev.minidocker.linux.Syscalls.MS_REMOUNT;
import static dev.minidocker.linux.Syscalls.MS_SHARED;
import static dev.minidocker.linux.Syscalls.MS_SLAVE;
import static dev.minidocker.linux.Syscalls.MS_STRICTATIME;
import static dev.minidocker.linux.Syscalls.MS_SYNCHRONOUS;
import static dev.minidocker.linux.Syscalls.MS_UNBINDABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mount's {@code options} split as mount(8) does: flags for mount(2), propagation changes made by
 * separate calls, and the rest passed to the filesystem as its data string.
 */
record MountOptions(long flags, List<Long> propagation, String data) {
    /** Option -> {flags set, flags cleared}. */
    private static final Map<String, long[]> FLAGS = Map.ofEntries(
            Map.entry("ro", new long[] {MS_RDONLY, 0}), Map.entry("rw", new long[] {0, MS_RDONLY}),
            Map.entry("nosuid", new long[] {MS_NOSUID, 0}), Map.entry("suid", new long[] {0, MS_NOSUID}),
            Map.entry("nodev", new long[] {MS_NODEV, 0}), Map.entry("dev", new long[] {0, MS_NODEV}),
            Map.entry("noexec", new long[] {MS_NOEXEC, 0}), Map.entry("exec", new long[] {0, MS_NOEXEC}),
            Map.entry("sync", new long[] {MS_SYNCHRONOUS, 0}), Map.entry("async", new long[] {0, MS_SYNCHRONOUS}),
            Map.entry("dirsync", new long[] {MS_DIRSYNC, 0}),
            Map.entry("mand", new long[] {MS_MANDLOCK, 0}), Map.entry("nomand", new long[] {0, MS_MANDLOCK}),
            Map.entry("noatime", new long[] {MS_NOATIME, 0}), Map.entry("atime", new long[] {0, MS_NOATIME}),
            Map.entry("nodiratime", new long[] {MS_NODIRATIME, 0}),
            Map.entry("diratime", new long[] {0, MS_NODIRATIME}),
            Map.entry("relatime", new long[] {MS_RELATIME, 0}), Map.entry("norelatime", new long[] {0, MS_RELATIME}),
            Map.entry("strictatime", new long[] {MS_STRICTATIME, 0}),
            Map.entry("nostrictatime", new long[] {0, MS_STRICTATIME}),
            Map.entry("nosymfollow", new long[] {MS_NOSYMFOLLOW, 0}),
            Map.entry("remount", new long[] {MS_REMOUNT, 0}),
            Map.entry("bind", new long[] {MS_BIND, 0}), Map.entry("rbind", new long[] {MS_BIND | MS_REC, 0}));

    private static final Map<String, Long> PROPAGATION = Map.of(
            "private", MS_PRIVATE, "rprivate", MS_PRIVATE | MS_REC,
            "shared", MS_SHARED, "rshared", MS_SHARED | MS_REC,
            "slave", MS_SLAVE, "rslave", MS_SLAVE | MS_REC,
            "unbindable", MS_UNBINDABLE, "runbindable", MS_UNBINDABLE | MS_REC);

    static MountOptions parse(List<String> options) {
        long flags = 0;
        List<Long> propagation = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String o : options) {
            long[] f = FLAGS.get(o);
            if (f != null) {
                flags = (flags | f[0]) & ~f[1];
            } else if (PROPAGATION.containsKey(o)) {
                propagation.add(PROPAGATION.get(o));
            } else {
                data.add(o);
            }
        }
        return new MountOptions(flags, List.copyOf(propagation), data.isEmpty() ? null : String.join(",", data));
    }

    boolean bind() {
        return (flags & MS_BIND) != 0;
    }

    /** The flags a bind mount takes from a second, remounting call (the first ignores them). */
    long remountFlags() {
        return flags & ~(MS_BIND | MS_REC | MS_REMOUNT);
    }
}
