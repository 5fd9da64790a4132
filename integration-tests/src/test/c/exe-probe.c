/*
 * A probe the boundary tests make the ELF interpreter (PT_INTERP) of a host program that a
 * container runs, so that it runs with /proc/self/exe being that program: it prints what
 * /proc/self/exe is and what opening it for writing (O_WRONLY|O_TRUNC) says. The open cannot
 * succeed and truncate the file: this process runs it (ETXTBSY), unless its mount is read-only
 * (EROFS, which the kernel checks first for O_TRUNC).
 *
 * Without libc (an interpreter gets the program's auxiliary vector, which a libc's start-up would
 * take for its own): raw system calls from _start.
 */
#define SYS_WRITE 1
#define SYS_OPEN 2
#define SYS_EXIT 60
#define SYS_READLINK 89
#define O_WRONLY_TRUNC 01001

static long sys(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static void say(const char *text, long len) {
    if (len < 0) {
        for (len = 0; text[len] != '\0'; len++) {
        }
    }
    sys(SYS_WRITE, 1, (long) text, len);
}

__attribute__((force_align_arg_pointer, noreturn)) void _start(void) {
    char exe[512];
    long n = sys(SYS_READLINK, (long) "/proc/self/exe", (long) exe, sizeof exe);
    say("exe ", -1);
    say(exe, n < 0 ? 0 : n);
    long fd = sys(SYS_OPEN, (long) "/proc/self/exe", O_WRONLY_TRUNC, 0);
    say("\nwrite /proc/self/exe: ", -1);
    say(fd >= 0 ? "opened" : fd == -30 ? "Read-only file system" : fd == -26 ? "Text file busy" : "failed", -1);
    say("\n", 1);
    sys(SYS_EXIT, 0, 0, 0);
    __builtin_unreachable();
}
