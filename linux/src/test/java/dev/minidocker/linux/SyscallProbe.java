package dev.minidocker.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs calls that change the whole process (namespaces, credentials, session, execve) in a child
 * JVM started by {@link NativeSyscallsChildTest}, and prints what the kernel then reports.
 */
final class SyscallProbe {
    private SyscallProbe() {
    }

    public static void main(String[] args) throws Exception {
        Syscalls sys = Syscalls.system();
        switch (args[0]) {
            case "pivot" -> pivot(sys, Path.of(args[1]));
            case "credentials" -> credentials(sys);
            case "session" -> session(sys);
            case "exec" -> exec(sys);
            case "library" -> library(sys);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** One failing call (mkdir of /), when the system-call library may be missing: what it throws. */
    private static void library(Syscalls sys) {
        try {
            sys.mkdir(Path.of("/"), 0755);
            System.out.println("mkdir / succeeded");
        } catch (LinuxException e) {
            System.out.println("EEXIST " + e.is(Errno.EEXIST));
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
        }
    }

    /** In new mount, UTS and cgroup namespaces: hostname, then pivot_root into a tmpfs. */
    private static void pivot(Syscalls sys, Path dir) throws Exception {
        sys.sethostname("probe");
        System.out.println("hostname " + Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        String before = Files.readSymbolicLink(Path.of("/proc/self/ns/cgroup")).toString();
        sys.unshare(Syscalls.CLONE_NEWCGROUP);
        String after = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/cgroup")).toString();
        System.out.println("cgroupns changed " + !before.equals(after));
        sys.mount("tmpfs", dir, "tmpfs", 0, "size=1m");
        sys.mkdir(dir.resolve("old"), 0755);
        Files.writeString(dir.resolve("marker"), "");
        sys.chdir(dir);
        sys.pivotRoot(Path.of("."), Path.of("old"));
        sys.chdir(Path.of("/"));
        sys.unmount(Path.of("/old"), Syscalls.MNT_DETACH);
        try (var names = Files.list(Path.of("/"))) {
            System.out.println("root " + names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static void credentials(Syscalls sys) throws Exception {
        sys.dropBoundingCapability(13);
        sys.setRlimit(7, 100, 200);
        sys.setgroups(new int[] {5, 6});
        sys.setresgid(1001, 1001, 1001);
        sys.setresuid(1000, 1000, 1000);
        sys.capset(CapabilitySets.NONE);
        sys.setNoNewPrivileges();
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.matches("(Uid|Gid|Groups|CapEff|CapPrm|CapBnd|NoNewPrivs):.*")) {
                System.out.println(line.replaceAll("\\s+", " ").strip());
            }
        }
        Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                .forEach(l -> System.out.println(l.replaceAll("\\s+", " ").strip()));
    }

    private static void session(Syscalls sys) throws Exception {
        int master = sys.open(Path.of("/dev/ptmx"), Syscalls.O_RDWR);
        sys.ioctl(master, Syscalls.TIOCSCTTY, 0);
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        System.out.println("session leader " + (Long.parseLong(f[3]) == ProcessHandle.current().pid()));
        System.out.println("has tty " + (Long.parseLong(f[4]) != 0));
    }

    /** Started with SIGINT and SIGQUIT ignored (sh's background job): exec with clean signals and fds. */
    private static void exec(Syscalls sys) throws Exception {
        int fd = sys.open(Path.of("/dev/null"), Syscalls.O_RDONLY);
        sys.dup3(fd, 40);
        List<Integer> unignored = new java.util.ArrayList<>();
        for (int signal = 1; signal <= 64; signal++) {
            if (signal != 9 && signal != 19 && sys.unignoreSignal(signal)) {
                unignored.add(signal);
            }
        }
        System.out.println("unignored " + unignored);
        sys.clearSignalMask();
        sys.closeRange(3, -1, Syscalls.CLOSE_RANGE_CLOEXEC);
        System.out.flush();
        String script = "grep -E '^Sig(Ign|Blk)' /proc/self/status; ls /proc/$$/fd; echo $PROBE";
        sys.execve("/bin/sh", List.of("sh", "-c", script), List.of("PROBE=env passed"));
    }
}
