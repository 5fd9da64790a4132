package dev.minidocker.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Capability names as an OCI spec writes them (CAP_CHOWN...) and their numbers (linux/capability.h). */
public final class CapabilityNames {
    /** CAP_* names by number. */
    private static final List<String> NAMES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER",
            "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE",
            "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO",
            "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE",
            "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
            "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
            "CHECKPOINT_RESTORE");

    private CapabilityNames() {
    }

    /** The bit mask of {@code names}; an unknown name is handed to {@code unknown} and left out, as runc does. */
    public static long mask(Collection<String> names, Consumer<String> unknown) {
        long mask = 0;
        for (String name : names) {
            int number = NAMES.indexOf(name.startsWith("CAP_") ? name.substring(4) : name);
            if (number < 0) {
                unknown.accept(name);
            } else {
                mask |= 1L << number;
            }
        }
        return mask;
    }

    /** Names of the bits of {@code mask}, without the CAP_ prefix. */
    public static List<String> names(long mask) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                names.add(NAMES.get(i));
            }
        }
        return names;
    }

    /** CAP_ and the name of capability {@code number}, or the number itself when it is newer than this list. */
    public static String name(int number) {
        return number < NAMES.size() ? "CAP_" + NAMES.get(number) : Integer.toString(number);
    }
}
