/*
 * minidocker-enter: runs a command inside a running container, as `docker exec` does.
 *
 * The launcher decides everything (which namespaces, cgroups, user, capabilities, environment);
 * this only carries it out, with the container's process 1 named by pid and start time:
 *
 *   first   re-executes itself from a sealed copy in memory (see run_sealed_copy), so that no
 *           process of the container ever runs the host's file.
 *   parent  opens /proc/PID (checking the start time), the namespace files, the container's root,
 *           the cgroup files to join by (v1's tasks) and the cgroup2 directory to be born in;
 *           setns into the pid namespace (it applies to children only) and forks the child
 *           into that cgroup2 directory (cgroupclone.h: no RCU grace period to wait for). It enters
 *           nothing else, so it pins no namespace and counts against none of the container's
 *           limits; it copies the command's stdout and stderr to its own
 *           (and its own stdin to the command's with --stdin), forwards SIGINT, SIGTERM, SIGHUP,
 *           SIGQUIT, SIGUSR1 and SIGUSR2 to the child, and exits with its status.
 *   child   puts its stdio in place first (pipes of the parent's, /dev/null, or then the terminal:
 *           never a descriptor of the caller's), joins the cgroups (before the cgroup namespace,
 *           whose root they are), setns into the other namespaces, chroot to the container's root,
 *           leads a session of its own (the terminal, a /dev/pts/N of the container's, which
 *           minidocker relays, as its controlling one), chdir, drops the capability bounding set,
 *           sets groups and ids, the capability sets and no_new_privs, resets signals, and execs
 *           the command, looked up in the container's PATH as runc does, under the container's
 *           seccomp filter (installed before the bounding set is dropped, or last with no_new_privs).
 *
 * C, not Java: the kernel refuses setns into a mount namespace to a process whose threads share
 * their filesystem context (EINVAL), and a JVM always has threads; nor is the JDK inside the container.
 *
 * A failure is one line on stderr (never into the command's terminal) and Docker's exit status:
 * 125 when entering failed, 126 when the command could not be started, 127 when it was not found.
 *
 * minidocker-enter --pid PID --start-time TICKS [--ns NAME]... [--cgroup PROCS_FILE]... [--clone-into-cgroup DIR]
 *                  [--tty SLAVE | --detach | --stdin] --cwd DIR --uid N --gid N [--groups G,...]
 *                  --bounding HEX --effective HEX --permitted HEX [--no-new-privs]
 *                  [--seccomp PROGRAM] [--env NAME=VALUE]... -- COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroupclone.h"
#include "relay.h"

#define ENTER_FAILED 125
#define CANNOT_EXECUTE 126
#define NOT_FOUND 127
#define MAX_GROUPS 256
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* The highest uid and gid: (uid_t) -1 means "unchanged" to setresuid and setresgid. */
#define MAX_ID 4294967294ULL
/* How long the output is still copied once the command has ended, for a child of it that keeps the pipes. */
#define DRAIN_MS 2000
#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

struct options {
    long pid;
    long long start_time;
    char **namespaces;       /* names under /proc/PID/ns, "pid" among them */
    int namespace_count;
    char **cgroups;          /* files to join the cgroups by (tasks, cgroup.procs), host paths */
    int cgroup_count;
    const char *clone_into;  /* the cgroup2 directory the command is born in, or NULL */
    const char *tty;         /* the command's terminal: a pty slave, as the container sees it */
    int detach;
    int stdin_fed;           /* this helper's stdin goes to the command's */
    const char *cwd;
    uid_t uid;
    gid_t gid;
    gid_t groups[MAX_GROUPS];
    int group_count;
    unsigned long long bounding, effective, permitted;
    int no_new_privs;
    const char *seccomp;     /* the container's compiled seccomp filter (a file of the store), or NULL */
    char **env;              /* NULL-terminated */
    char **command;          /* NULL-terminated */
};

/* What the parent opens, on the host, before anything changes. */
struct handles {
    int pid_ns;
    int namespaces[16];      /* the others, in the order given */
    int namespace_count;
    int root;
    int cgroups[16];
    int cgroup_count;
    int clone_into;          /* the cgroup2 directory, or -1 */
    int dev_null;
};

/* The command's stdio as the child puts it in place, and the parent's ends of the pipes (-1: none). */
struct stdio {
    int in, out, err;
    int out_from, err_from, in_to;
};

/* Where a child's failure goes: the parent prints it, so it never lands in the command's terminal. */
static int report_fd = -1;
static volatile pid_t child_pid;

/* One line, prefix + what + suffix, to the parent (from the child) or stderr, then the status. */
static void say_and_exit(int status, const char *prefix, const char *suffix, const char *what, va_list ap) {
    char line[4096];
    int n = snprintf(line, sizeof line, "%s", prefix);
    n += vsnprintf(line + n, sizeof line - (size_t) n, what, ap);
    if (n < (int) sizeof line) {
        snprintf(line + n, sizeof line - (size_t) n, "%s\n", suffix);
    }
    if (write(report_fd >= 0 ? report_fd : 2, line, strlen(line)) < 0) {
        /* nowhere left to say it */
    }
    _exit(status);
}

/* "minidocker-enter: <what>: <strerror>" and the status. */
static void fail(int status, const char *what, ...) {
    char suffix[256];
    snprintf(suffix, sizeof suffix, ": %s", strerror(errno));
    va_list ap;
    va_start(ap, what);
    say_and_exit(status, "minidocker-enter: ", suffix, what, ap);
}

static void usage(const char *problem) {
    fprintf(stderr, "minidocker-enter: %s\n", problem);
    exit(ENTER_FAILED);
}

static unsigned long long number(const char *flag, const char *text, int base) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, base);
    if (errno != 0 || *text == '\0' || *end != '\0' || *text == '-') {
        fprintf(stderr, "minidocker-enter: %s: not a number: %s\n", flag, text);
        exit(ENTER_FAILED);
    }
    return n;
}

/* A uid or gid: 0 to 4294967294. */
static unsigned id(const char *flag, const char *text) {
    unsigned long long n = number(flag, text, 10);
    if (n > MAX_ID) {
        fprintf(stderr, "minidocker-enter: %s: out of range (0 to %llu): %s\n", flag, MAX_ID, text);
        exit(ENTER_FAILED);
    }
    return (unsigned) n;
}

static void parse_groups(struct options *o, const char *text) {
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", text);
    for (char *save, *g = strtok_r(copy, ",", &save); g != NULL; g = strtok_r(NULL, ",", &save)) {
        if (o->group_count == MAX_GROUPS) {
            usage("--groups: too many groups");
        }
        o->groups[o->group_count++] = (gid_t) id("--groups", g);
    }
}

static void parse(int argc, char **argv, struct options *o) {
    memset(o, 0, sizeof *o);
    o->namespaces = calloc((size_t) argc, sizeof(char *));
    o->cgroups = calloc((size_t) argc, sizeof(char *));
    o->env = calloc((size_t) argc, sizeof(char *));
    if (o->namespaces == NULL || o->cgroups == NULL || o->env == NULL) {
        usage("out of memory");
    }
    int env_count = 0, seen_ids = 0;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--detach") == 0) {
            o->detach = 1;
            continue;
        }
        if (strcmp(a, "--no-new-privs") == 0) {
            o->no_new_privs = 1;
            continue;
        }
        if (strcmp(a, "--stdin") == 0) {
            o->stdin_fed = 1;
            continue;
        }
        if (v == NULL) {
            fprintf(stderr, "minidocker-enter: unknown or incomplete option: %s\n", a);
            exit(ENTER_FAILED);
        }
        i++;
        if (strcmp(a, "--pid") == 0) {
            o->pid = (long) number(a, v, 10);
        } else if (strcmp(a, "--start-time") == 0) {
            o->start_time = (long long) number(a, v, 10);
        } else if (strcmp(a, "--ns") == 0) {
            o->namespaces[o->namespace_count++] = argv[i];
        } else if (strcmp(a, "--cgroup") == 0) {
            o->cgroups[o->cgroup_count++] = argv[i];
        } else if (strcmp(a, "--clone-into-cgroup") == 0) {
            o->clone_into = v;
        } else if (strcmp(a, "--tty") == 0) {
            o->tty = v;
        } else if (strcmp(a, "--cwd") == 0) {
            o->cwd = v;
        } else if (strcmp(a, "--uid") == 0) {
            o->uid = (uid_t) id(a, v);
            seen_ids |= 1;
        } else if (strcmp(a, "--gid") == 0) {
            o->gid = (gid_t) id(a, v);
            seen_ids |= 2;
        } else if (strcmp(a, "--groups") == 0) {
            parse_groups(o, v);
        } else if (strcmp(a, "--bounding") == 0) {
            o->bounding = number(a, v, 16);
        } else if (strcmp(a, "--effective") == 0) {
            o->effective = number(a, v, 16);
        } else if (strcmp(a, "--permitted") == 0) {
            o->permitted = number(a, v, 16);
        } else if (strcmp(a, "--seccomp") == 0) {
            o->seccomp = v;
        } else if (strcmp(a, "--env") == 0) {
            o->env[env_count++] = argv[i];
        } else {
            fprintf(stderr, "minidocker-enter: unknown option: %s\n", a);
            exit(ENTER_FAILED);
        }
    }
    if (i + 1 >= argc) {
        usage("no command after --");
    }
    if (o->pid <= 0 || o->start_time <= 0 || o->cwd == NULL || seen_ids != 3) {
        usage("--pid, --start-time, --cwd, --uid and --gid are required");
    }
    if (o->namespace_count > 16 || o->cgroup_count > 16) {
        usage("too many --ns or --cgroup");
    }
    if ((o->tty != NULL) + o->detach + o->stdin_fed > 1) {
        usage("--tty, --detach and --stdin exclude each other");
    }
    o->command = argv + i + 1;
}

/* Field 22 of /proc/PID/stat, counted from the last ')' since the command name may hold anything. */
static long long start_time(int proc, const char *where) {
    int fd = openat(proc, "stat", O_RDONLY | O_CLOEXEC);
    char buf[1024];
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (n <= 0) {
        fail(ENTER_FAILED, "read %s/stat", where);
    }
    close(fd);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    for (int field = 2; p != NULL && field < 22; field++) {
        p = strchr(p + 1, ' ');
    }
    if (p == NULL) {
        errno = EINVAL;
        fail(ENTER_FAILED, "parse %s/stat", where);
    }
    return strtoll(p + 1, NULL, 10);
}

/*
 * Everything comes from one /proc/PID directory handle: should the process end and its pid be
 * reused, that handle still names the dead process and every openat through it fails.
 */
static void open_handles(const struct options *o, struct handles *h) {
    char where[64];
    snprintf(where, sizeof where, "/proc/%ld", o->pid);
    int proc = open(where, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (proc < 0) {
        fail(ENTER_FAILED, "open %s", where);
    }
    if (start_time(proc, where) != o->start_time) {
        errno = ESRCH;
        fail(ENTER_FAILED, "open %s (the container's process 1 has changed)", where);
    }
    h->pid_ns = -1;
    h->namespace_count = 0;
    for (int i = 0; i < o->namespace_count; i++) {
        char path[64];
        snprintf(path, sizeof path, "ns/%s", o->namespaces[i]);
        int fd = openat(proc, path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fail(ENTER_FAILED, "open %s/%s", where, path);
        }
        if (strcmp(o->namespaces[i], "pid") == 0) {
            h->pid_ns = fd;
        } else {
            h->namespaces[h->namespace_count++] = fd;
        }
    }
    h->root = openat(proc, "root", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (h->root < 0) {
        fail(ENTER_FAILED, "open %s/root", where);
    }
    close(proc);
    h->cgroup_count = 0;
    for (int i = 0; i < o->cgroup_count; i++) {
        int fd = open(o->cgroups[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            fail(ENTER_FAILED, "open %s", o->cgroups[i]);
        }
        h->cgroups[h->cgroup_count++] = fd;
    }
    h->clone_into = -1;
    if (o->clone_into != NULL && (h->clone_into = open_cgroup_dir(o->clone_into)) < 0) {
        fail(ENTER_FAILED, "open %s", o->clone_into);
    }
    if ((h->dev_null = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0) {
        fail(ENTER_FAILED, "open /dev/null");
    }
}

/*
 * The container's seccomp filter, installed in runc's order as the shim installs process 1's:
 * without no_new_privs before the capabilities are dropped (it takes CAP_SYS_ADMIN), with it as
 * the last step before execve. Read on the host, before anything is entered.
 */
static struct sock_fprog seccomp_program;
static int seccomp_last;

static void load_seccomp(const char *path, int no_new_privs) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fail(ENTER_FAILED, "open %s", path);
    }
    size_t count = (size_t) st.st_size / sizeof(struct sock_filter);
    if (st.st_size == 0 || st.st_size % sizeof(struct sock_filter) != 0 || count > BPF_MAXINSNS) {
        errno = EINVAL;
        fail(ENTER_FAILED, "read seccomp program %s (%lld bytes)", path, (long long) st.st_size);
    }
    struct sock_filter *filter = malloc((size_t) st.st_size);
    ssize_t n = filter == NULL ? -1 : read(fd, filter, (size_t) st.st_size);
    if (n != st.st_size) {
        if (n >= 0) {
            errno = EIO;
        }
        fail(ENTER_FAILED, "read seccomp program %s", path);
    }
    close(fd);
    seccomp_program = (struct sock_fprog) {.len = (unsigned short) count, .filter = filter};
    seccomp_last = no_new_privs;
}

static void install_seccomp(int before_execve) {
    if (seccomp_program.len > 0 && before_execve == seccomp_last
            && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &seccomp_program) != 0) {
        fail(ENTER_FAILED, "install the seccomp filter");
    }
}

static void drop_bounding_set(unsigned long long keep) {
    for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++) {
        if ((keep & (1ULL << cap)) == 0 && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
            fail(ENTER_FAILED, "drop capability %d from the bounding set", cap);
        }
    }
}

/* The effective and permitted sets asked for, as far as this process holds them; inheritable and ambient empty. */
static void set_capabilities(const struct options *o) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0) {
        fail(ENTER_FAILED, "capget");
    }
    unsigned long long held = data[0].permitted | ((unsigned long long) data[1].permitted << 32);
    unsigned long long permitted = o->permitted & held;
    unsigned long long effective = o->effective & permitted;
    for (int i = 0; i < 2; i++) {
        data[i].effective = (__u32) (effective >> (32 * i));
        data[i].permitted = (__u32) (permitted >> (32 * i));
        data[i].inheritable = 0;
    }
    if (syscall(SYS_capset, &header, data) != 0) {
        fail(ENTER_FAILED, "capset uid %u", (unsigned) o->uid);
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
        fail(ENTER_FAILED, "clear the ambient capabilities");
    }
}

/* Go's error text, which Docker quotes: strerror with a lower-case first letter. */
static const char *go_error(int err) {
    static char text[256];
    snprintf(text, sizeof text, "%s", strerror(err));
    text[0] = (char) tolower((unsigned char) text[0]);
    return text;
}

/* How Docker says that the runtime could not start the command, and the status it gives. */
static void command_failed(int status, const char *reason, ...) {
    va_list ap;
    va_start(ap, reason);
    say_and_exit(status, "OCI runtime exec failed: exec failed: unable to start container process: ", ": unknown",
            reason, ap);
}

static int executable(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0;
}

static const char *env_value(char **env, const char *name) {
    size_t len = strlen(name);
    const char *value = NULL;
    for (; *env != NULL; env++) {
        if (strncmp(*env, name, len) == 0 && (*env)[len] == '=') {
            value = *env + len + 1;
        }
    }
    return value;
}

/* Go's exec.LookPath, which runc uses, in the container's PATH, then execve. */
static void exec_command(char **command, char **env) {
    const char *file = command[0];
    char found[4096];
    if (strchr(file, '/') != NULL) {
        struct stat st;
        if (stat(file, &st) != 0) {
            int err = errno;
            command_failed(err == ENOENT ? NOT_FOUND : CANNOT_EXECUTE, "exec: \"%s\": stat %s: %s", file, file,
                    go_error(err));
        }
        if (S_ISDIR(st.st_mode) || (st.st_mode & 0111) == 0) {
            command_failed(CANNOT_EXECUTE, "exec: \"%s\": %s", file, go_error(S_ISDIR(st.st_mode) ? EISDIR : EACCES));
        }
        snprintf(found, sizeof found, "%s", file);
    } else {
        const char *path = env_value(env, "PATH");
        char dirs[8192];
        snprintf(dirs, sizeof dirs, "%s", path != NULL ? path : DEFAULT_PATH);
        int hit = 0;
        for (char *dir = dirs, *next; !hit && dir != NULL; dir = next) {
            next = strchr(dir, ':');
            if (next != NULL) {
                *next++ = '\0';
            }
            int n = snprintf(found, sizeof found, "%s/%s", *dir == '\0' ? "." : dir, file);
            hit = n < (int) sizeof found && executable(found);
        }
        if (!hit) {
            command_failed(NOT_FOUND, "exec: \"%s\": executable file not found in $PATH", file);
        }
    }
    install_seccomp(1);
    execve(found, command, env);
    int err = errno;
    command_failed(err == ENOENT ? NOT_FOUND : CANNOT_EXECUTE, "exec: \"%s\": %s", file, go_error(err));
}

/* The child: into the container, as its user, then the command. Never returns. */
static void become_command(const struct options *o, const struct handles *h, const struct stdio *io) {
    /* First of all: from here on a container process may look at this one's descriptors. */
    if (dup2(io->in, 0) < 0 || dup2(io->out, 1) < 0 || dup2(io->err, 2) < 0) {
        fail(ENTER_FAILED, "dup2 the command's stdio");
    }
    for (int i = 0; i < h->cgroup_count; i++) {
        if (write(h->cgroups[i], "0", 1) != 1) {
            fail(ENTER_FAILED, "join cgroup %s", o->cgroups[i]);
        }
    }
    for (int i = 0, k = 0; i < o->namespace_count; i++) {
        if (strcmp(o->namespaces[i], "pid") != 0 && setns(h->namespaces[k++], 0) != 0) {
            fail(ENTER_FAILED, "setns /proc/%ld/ns/%s", o->pid, o->namespaces[i]);
        }
    }
    if (fchdir(h->root) != 0 || chroot(".") != 0) {
        fail(ENTER_FAILED, "chroot /proc/%ld/root", o->pid);
    }
    /* A session of its own, as runc gives every exec: no terminal of the caller's is its controlling one. */
    if (setsid() < 0) {
        fail(ENTER_FAILED, "setsid");
    }
    int tty = -1;
    if (o->tty != NULL) {
        if ((tty = open(o->tty, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
            fail(ENTER_FAILED, "open %s", o->tty);
        }
        if (ioctl(tty, TIOCSCTTY, 0) != 0) {
            fail(ENTER_FAILED, "make %s the controlling terminal", o->tty);
        }
    }
    /* First as root; a directory only the user may enter is tried again as the user (runc does both). */
    int in_cwd = chdir(o->cwd) == 0;
    if (!in_cwd && errno != EACCES) {
        fail(CANNOT_EXECUTE, "chdir %s", o->cwd);
    }
    install_seccomp(0);
    drop_bounding_set(o->bounding);
    if (setgroups((size_t) o->group_count, o->groups) != 0) {
        fail(ENTER_FAILED, "setgroups");
    }
    if (setresgid(o->gid, o->gid, o->gid) != 0) {
        fail(ENTER_FAILED, "setresgid %u", (unsigned) o->gid);
    }
    if (setresuid(o->uid, o->uid, o->uid) != 0) {
        fail(ENTER_FAILED, "setresuid %u", (unsigned) o->uid);
    }
    set_capabilities(o);
    if (o->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        fail(ENTER_FAILED, "set no_new_privs");
    }
    if (!in_cwd && chdir(o->cwd) != 0) {
        fail(CANNOT_EXECUTE, "chdir %s", o->cwd);
    }
    for (int fd = 0; tty >= 0 && fd <= 2; fd++) {
        if (dup2(tty, fd) < 0) {
            fail(ENTER_FAILED, "dup2 %s onto fd %d", o->tty, fd);
        }
    }
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) {
            signal(sig, SIG_DFL);
        }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* No descriptor of this helper reaches the command (CVE-2024-21626 is one that did in runc). */
    syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
    exec_command(o->command, o->env);
}

static void forward(int sig) {
    if (child_pid > 0) {
        kill(child_pid, sig);
    }
}

static int status_of(int raw) {
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

static int wait_for(pid_t pid) {
    int raw;
    while (waitpid(pid, &raw, 0) < 0) {
        if (errno != EINTR) {
            fail(ENTER_FAILED, "wait for pid %d", (int) pid);
        }
    }
    return status_of(raw);
}

/*
 * Starts the command and waits for it to exec or fail. Returns its pid once it runs; a failure
 * the child reported is printed and becomes this process's exit.
 */
static pid_t start_command(const struct options *o, const struct handles *h, const struct stdio *io) {
    static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        fail(ENTER_FAILED, "pipe");
    }
    if (h->pid_ns >= 0 && setns(h->pid_ns, CLONE_NEWPID) != 0) {
        fail(ENTER_FAILED, "setns /proc/%ld/ns/pid", o->pid);
    }
    /* Signals wait until the child's pid is known, so that none is lost or sent nowhere. */
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &previous);
    pid_t pid = h->clone_into >= 0 ? clone_into_cgroup(0, h->clone_into) : fork();
    if (pid < 0 && h->clone_into >= 0) {
        fail(ENTER_FAILED, "clone into cgroup %s", o->clone_into);
    }
    if (pid < 0) {
        fail(ENTER_FAILED, "fork");
    }
    if (pid == 0) {
        close(report[0]);
        report_fd = report[1];
        become_command(o, h, io);
    }
    child_pid = pid;
    struct sigaction sa = {.sa_handler = forward};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        sigaction(forwarded[i], &sa, NULL);
    }
    sigprocmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    /* EOF without a word: the exec succeeded (the pipe is close-on-exec). */
    char message[4096];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(report[0], message + len, sizeof message - 1 - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0 || (len += (size_t) n) == sizeof message - 1) {
            break;
        }
    }
    close(report[0]);
    if (len > 0) {
        if (write(2, message, len) < 0) {
            /* nowhere left to say it */
        }
        exit(wait_for(pid));
    }
    return pid;
}

/*
 * -d: the command runs on with a waiter of its own in a new session (so no terminal hangs it
 * up), which reaps it; this process returns as soon as the command runs, or with its failure.
 */
static int detach(void) {
    int started[2];
    if (pipe2(started, O_CLOEXEC) != 0) {
        fail(ENTER_FAILED, "pipe");
    }
    pid_t waiter = fork();
    if (waiter < 0) {
        fail(ENTER_FAILED, "fork");
    }
    if (waiter == 0) {
        close(started[0]);
        setsid();
        /* Written to once the command runs; the command's copy closes at its exec. */
        return started[1];
    }
    close(started[1]);
    char byte;
    ssize_t n;
    while ((n = read(started[0], &byte, 1)) < 0 && errno == EINTR) {
    }
    exit(n == 1 ? 0 : wait_for(waiter));
}

/*
 * CVE-2019-5736: a process of the container can reach this helper's file through /proc/PID/exe
 * of the child while it enters, or run it again inside through a command of "#!/proc/self/exe",
 * and write to it once nothing runs it; root would run what it wrote at the next exec. So, as
 * runc does, this helper first re-executes itself from a copy in memory, sealed against every
 * change: what the container reaches is that copy, which nobody can write. A static binary, so
 * that fexecve needs no interpreter from any file system.
 */
static void run_sealed_copy(char **argv) {
    int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (self < 0) {
        fail(ENTER_FAILED, "open /proc/self/exe");
    }
    if (fcntl(self, F_GET_SEALS) == SEALS) {
        close(self); /* the copy already */
        return;
    }
    struct stat st;
    int copy = memfd_create("minidocker-enter", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (copy < 0 || fstat(self, &st) != 0) {
        fail(ENTER_FAILED, "copy /proc/self/exe into memory");
    }
    for (off_t done = 0; done < st.st_size;) {
        ssize_t n = sendfile(copy, self, NULL, (size_t) (st.st_size - done));
        if (n <= 0) {
            fail(ENTER_FAILED, "copy /proc/self/exe into memory");
        }
        done += n;
    }
    if (fcntl(copy, F_ADD_SEALS, SEALS) != 0) {
        fail(ENTER_FAILED, "seal the copy of /proc/self/exe");
    }
    close(self);
    fexecve(copy, argv, environ);
    fail(ENTER_FAILED, "execute the copy of /proc/self/exe");
}

/* The command's stdio: the terminal (put in place by the child), /dev/null, or pipes this process copies. */
static struct stdio plan_stdio(const struct options *o, const struct handles *h) {
    struct stdio io = {h->dev_null, h->dev_null, h->dev_null, -1, -1, -1};
    if (o->tty != NULL || o->detach) {
        return io;
    }
    int out[2], err[2], in[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0 || (o->stdin_fed && pipe2(in, O_CLOEXEC) != 0)) {
        fail(ENTER_FAILED, "pipe");
    }
    io.out = out[1];
    io.err = err[1];
    io.out_from = out[0];
    io.err_from = err[0];
    if (o->stdin_fed) {
        io.in = in[0];
        io.in_to = in[1];
    }
    return io;
}

/* Copies what can be read from `from` to `to` (kept open once `to` fails, so the command never blocks); -1 at EOF. */
static int copy_out(int from, int *to) {
    char chunk[16384];
    ssize_t n = read(from, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return from;
    }
    if (n <= 0) {
        close(from);
        return -1;
    }
    if (*to >= 0 && write_all(*to, chunk, (size_t) n) != 0) {
        *to = -1; /* the caller no longer reads: what follows is dropped */
    }
    return from;
}

/*
 * Attached without a terminal: copies the command's stdout and stderr to this process's, and with
 * --stdin this one's stdin to the command's, until it has ended and its pipes are drained. Returns
 * its status.
 */
static int relay(struct ending *ending, struct stdio *io) {
    int from[2] = {io->out_from, io->err_from}, to[2] = {1, 2};
    struct feed input = {.from = -1, .to = -1};
    if (io->in_to >= 0) {
        feed_init(&input, 0, io->in_to);
    }
    for (;;) {
        struct pollfd fds[4];
        for (int i = 0; i < 2; i++) {
            fds[i] = (struct pollfd) {.fd = from[i], .events = POLLIN};
        }
        int timeout = ending_timeout(ending, (from[0] >= 0) + (from[1] >= 0));
        if (timeout == 0) {
            break;
        }
        int running = ending->status < 0;
        fds[2] = (struct pollfd) {.fd = running ? ending->fd : -1, .events = POLLIN};
        fds[3] = running ? feed_wants(&input) : (struct pollfd) {.fd = -1};
        if (poll(fds, 4, timeout) < 0 && errno != EINTR) {
            fail(ENTER_FAILED, "poll");
        }
        for (int i = 0; i < 2; i++) {
            if (from[i] >= 0 && fds[i].revents != 0) {
                from[i] = copy_out(from[i], &to[i]);
            }
        }
        if (fds[3].revents != 0) {
            feed_run(&input);
        }
        if (fds[2].revents != 0) {
            if (ending_check(ending) != 0) {
                fail(ENTER_FAILED, "wait for pid %d", (int) ending->pid);
            }
            if (ending->status >= 0) {
                feed_stop(&input);
            }
        }
    }
    return ending->status;
}

int main(int argc, char **argv) {
    run_sealed_copy(argv);
    prctl(PR_SET_NAME, "minidocker-ente", 0, 0, 0);
    struct options o;
    parse(argc, argv, &o);
    signal(SIGPIPE, SIG_IGN);
    /* Out of the terminal's foreground group (below), it still writes the command's output there. */
    signal(SIGTTOU, SIG_IGN);
    int started = -1;
    if (o.detach) {
        started = detach();
    } else {
        /*
         * Out of the terminal's foreground process group: a ^C reaches minidocker, which passes it
         * on through this process, so the command gets it once, not once from each.
         */
        setpgid(0, 0);
    }
    if (o.seccomp != NULL) {
        load_seccomp(o.seccomp, o.no_new_privs);
    }
    struct ending ending;
    if (ending_open(&ending, DRAIN_MS) != 0) {
        fail(ENTER_FAILED, "signalfd");
    }
    struct handles h;
    open_handles(&o, &h);
    struct stdio io = plan_stdio(&o, &h);
    pid_t pid = ending.pid = start_command(&o, &h, &io);
    int child_ends[] = {io.out, io.err, io.in};
    for (int i = 0; i < 3; i++) {
        if (child_ends[i] != h.dev_null) {
            close(child_ends[i]);
        }
    }
    if (o.detach) {
        /* Tell the caller it runs, and let go of its stdio, so that nothing waits on this waiter. */
        if (write(started, "1", 1) < 0) {
            /* the caller is gone: the command runs anyway */
        }
        close(started);
        for (int fd = 0; fd <= 2; fd++) {
            dup2(h.dev_null, fd);
        }
    }
    return io.out_from >= 0 ? relay(&ending, &io) : wait_for(pid);
}
