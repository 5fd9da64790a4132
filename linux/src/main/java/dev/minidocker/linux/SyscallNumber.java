package dev.minidocker.linux;

/**
 * System call numbers, which differ per architecture: x86_64's own table and the generic one
 * arm64 uses (asm/unistd_64.h, asm-generic/unistd.h).
 */
enum SyscallNumber {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    RT_SIGACTION(13, 134),
    RT_SIGPROCMASK(14, 135),
    IOCTL(16, 29),
    GETPID(39, 172),
    CLONE(56, 220),
    WAIT4(61, 260),
    EXECVE(59, 221),
    KILL(62, 129),
    CHDIR(80, 49),
    FCHDIR(81, 50),
    SETGROUPS(116, 159),
    SETRESUID(117, 147),
    SETRESGID(119, 149),
    CAPGET(125, 90),
    CAPSET(126, 91),
    STATFS(137, 43),
    PIVOT_ROOT(155, 41),
    PRCTL(157, 167),
    CHROOT(161, 51),
    MOUNT(165, 40),
    UMOUNT2(166, 39),
    SETHOSTNAME(170, 161),
    SETDOMAINNAME(171, 162),
    LSETXATTR(189, 6),
    LGETXATTR(192, 9),
    LLISTXATTR(195, 12),
    SOCKET(41, 198),
    OPENAT(257, 56),
    MKDIRAT(258, 34),
    MKNODAT(259, 33),
    FCHOWNAT(260, 54),
    SYMLINKAT(266, 36),
    FCHMODAT(268, 53),
    UNSHARE(272, 97),
    UTIMENSAT(280, 88),
    DUP3(292, 24),
    PIPE2(293, 59),
    PRLIMIT64(302, 261),
    SECCOMP(317, 277),
    SETNS(308, 268),
    OPEN_TREE(428, 428),
    MOVE_MOUNT(429, 429),
    FSOPEN(430, 430),
    FSCONFIG(431, 431),
    FSMOUNT(432, 432),
    BPF(321, 280),
    PIDFD_OPEN(434, 434),
    CLOSE_RANGE(436, 436),
    OPENAT2(437, 437),
    MOUNT_SETATTR(442, 442);

    static final boolean ARM64 = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> false;
        case "aarch64", "arm64" -> true;
        default -> throw new UnsupportedOperationException(
                "minidocker supports amd64 and arm64, not " + System.getProperty("os.arch"));
    };

    private final int amd64;
    private final int arm64;

    SyscallNumber(int amd64, int arm64) {
        this.amd64 = amd64;
        this.arm64 = arm64;
    }

    /** This machine's number for the call. */
    int number() {
        return ARM64 ? arm64 : amd64;
    }
}
