/*
 * minidocker-monitor: what stays on the host for each container, the role Podman's conmon plays.
 *
 * It makes the container's namespaces by clone(2), so that the shim it starts there is pid 1 of
 * the new pid namespace while the monitor itself stays in the host's namespaces (it pins none of
 * their mounts). Then it waits: it copies the container's stdout and stderr into a log in Docker's
 * json-file shape (one JSON object per line: log, stream, time), rotating it by size, and when the
 * container's process 1 ends it writes the exit status (and whether the memory cgroup's OOM killer
 * struck) to the exit file, by temp file and rename. Minidocker's commands need not run meanwhile.
 *
 * The container never gets the monitor's own descriptors (the caller's terminal or files): its
 * stdio is /dev/null, pipes the monitor copies (to the log, and attached also to its own stdout and
 * stderr, and from its own stdin with --stdin), or a pty of its own (--tty). Process 1 leads a
 * session of its own, so no terminal of the caller's is its controlling terminal. The host files it
 * runs from (the JDK and minidocker's own directory: --readonly) are bound read-only in its mount
 * namespace, so that a container process that reaches them through /proc/PID/exe cannot write them.
 * The shim says why it failed on a pipe of its own (MINIDOCKER_REPORT_FD), which the monitor copies
 * to its stderr: never into the container's output, and closed once the entrypoint runs.
 *
 * With --uidmap the container gets a user namespace of its own as well, and the monitor moves it
 * into its cgroups and mounts its root filesystem from idmapped layers (userns.c). With
 * --clone-into-cgroup the child is born in that cgroup2 directory (cgroupclone.h).
 *
 * A new network namespace gets its loopback up; --netns joins another container's instead
 * (netns.c). --pid-file names where process 1's host pid goes as soon as it is cloned, so that the
 * launcher can set its network up (the CNI plugins, on /proc/PID/ns/net) while it boots. A
 * detached container's monitor may be given --exit-command: run once the exit is recorded, as
 * conmon's, so that what the container held on the host (its address, its port rules) is released
 * with no minidocker command running.
 *
 * C, not Java: this process stays resident for each container's whole life, where a JVM's heap,
 * code cache and class metadata would be tens of times its size.
 *
 * minidocker-monitor --exit-file PATH [--log PATH [--log-max-size BYTES] [--log-max-files N]]
 *                    [--tee] [--stdin] [--tty] [--detach] [--host-network] [--oom-file PATH]
 *                    [--readonly DIR]... [--uidmap "C H S"]... [--gidmap "C H S"]...
 *                    [--rootfs-overlay OPTIONS --rootfs DIR] [--cgroup-procs PATH]...
 *                    [--clone-into-cgroup DIR] [--netns PATH] [--pid-file PATH]
 *                    [--exit-command PATH [--exit-arg ARG]...] -- COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cgroupclone.h"
#include "jsonlog.h"
#include "netns.h"
#include "relay.h"
#include "userns.h"

/* A long line is logged in pieces of this size, as Docker does (the pieces lack the final \n). */
#define LINE_MAX_BYTES 16384
/* How long the log is drained after process 1 ends: its pid namespace is gone, so EOF comes at once
 * unless a process outside it (an exec'd one's child that escaped, say) holds the pipe. */
#define DRAIN_MS 2000
#define MAX_READONLY 8
/* The exit command is the launcher's own java command line (its JVM options, module path and
 * main module) and the clean-up's arguments. */
#define MAX_EXIT_ARGS 64
/* The environment variable that names the shim's report pipe. */
#define REPORT_FD_VARIABLE "MINIDOCKER_REPORT_FD"

struct options {
    const char *exit_file;
    const char *log;
    long long log_max_size;
    int log_max_files;
    int tee;             /* the output also goes to the monitor's stdout and stderr */
    int stdin_fed;       /* the monitor's stdin goes to the container's */
    int tty;
    int detach;
    int host_network;
    const char *oom_file;
    struct id_map uidmap;  /* empty: no user namespace */
    struct id_map gidmap;  /* empty with a uidmap: the same as it */
    const char *rootfs_overlay;
    const char *rootfs;
    const char *readonly[MAX_READONLY];
    int readonly_count;
    struct cgroup_files cgroups; /* with a uidmap: the monitor moves the child into them */
    const char *clone_into;      /* the cgroup2 directory the child is born in, or NULL */
    const char *netns;   /* a network namespace to join rather than make */
    const char *pid_file;
    char *exit_command[MAX_EXIT_ARGS + 2]; /* the program, its arguments, NULL; [0] NULL for none */
    int exit_argc;
    char **command;
};

struct stream {
    int fd;              /* read end, -1 once at EOF */
    int tee_fd;          /* where a foreground run also shows it, -1 for none */
    int logged;          /* whether it goes to the log */
    const char *name;    /* "stdout" or "stderr" */
    char *buf;           /* the line being logged, LINE_MAX_BYTES */
    size_t len;
};

/* Where the child's failures go once its stderr is the container's: the report pipe. */
static FILE *failures;

static void die(const char *what, ...) {
    va_list ap;
    int saved = errno;
    FILE *out = failures != NULL ? failures : stderr;
    fputs("minidocker-monitor: ", out);
    va_start(ap, what);
    vfprintf(out, what, ap);
    va_end(ap);
    fprintf(out, ": %s\n", strerror(saved));
    exit(125);
}

static void usage(const char *problem) {
    fprintf(stderr, "minidocker-monitor: %s\n"
            "usage: minidocker-monitor --exit-file PATH [--log PATH [--log-max-size BYTES] [--log-max-files N]]\n"
            "       [--tee] [--stdin] [--tty] [--detach] [--host-network] [--oom-file PATH]\n"
            "       [--readonly DIR]... [--uidmap \"C H S\"]... [--gidmap \"C H S\"]...\n"
            "       [--rootfs-overlay OPTIONS --rootfs DIR] [--cgroup-procs PATH]...\n"
            "       [--clone-into-cgroup DIR] [--netns PATH] [--pid-file PATH]\n"
            "       [--exit-command PATH [--exit-arg ARG]...] -- COMMAND [ARG...]\n", problem);
    exit(125);
}

static long long number(const char *flag, const char *text) {
    char *end;
    errno = 0;
    long long n = strtoll(text, &end, 10);
    if (errno != 0 || *text == '\0' || *end != '\0' || n < 0) {
        fprintf(stderr, "minidocker-monitor: %s: not a number: %s\n", flag, text);
        exit(125);
    }
    return n;
}

static void add_map_line(struct id_map *map, const char *flag, const char *line) {
    if (id_map_line_valid(line) != 0) {
        fprintf(stderr, "minidocker-monitor: %s: not \"CONTAINER HOST SIZE\": %s\n", flag, line);
        exit(125);
    }
    if (map->count == MAX_MAP_LINES) {
        fprintf(stderr, "minidocker-monitor: %s: more than %d lines\n", flag, MAX_MAP_LINES);
        exit(125);
    }
    map->lines[map->count++] = line;
}

static void parse(int argc, char **argv, struct options *o) {
    memset(o, 0, sizeof *o);
    o->log_max_files = 1;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--exit-file") == 0 && has_value) {
            o->exit_file = argv[++i];
        } else if (strcmp(a, "--log") == 0 && has_value) {
            o->log = argv[++i];
        } else if (strcmp(a, "--log-max-size") == 0 && has_value) {
            o->log_max_size = number(a, argv[++i]);
        } else if (strcmp(a, "--log-max-files") == 0 && has_value) {
            o->log_max_files = (int) number(a, argv[++i]);
        } else if (strcmp(a, "--oom-file") == 0 && has_value) {
            o->oom_file = argv[++i];
        } else if ((strcmp(a, "--uidmap") == 0 || strcmp(a, "--gidmap") == 0) && has_value) {
            add_map_line(a[2] == 'u' ? &o->uidmap : &o->gidmap, a, argv[++i]);
        } else if (strcmp(a, "--rootfs-overlay") == 0 && has_value) {
            o->rootfs_overlay = argv[++i];
        } else if (strcmp(a, "--rootfs") == 0 && has_value) {
            o->rootfs = argv[++i];
        } else if (strcmp(a, "--readonly") == 0 && has_value) {
            if (o->readonly_count == MAX_READONLY) {
                usage("too many --readonly");
            }
            o->readonly[o->readonly_count++] = argv[++i];
        } else if (strcmp(a, "--cgroup-procs") == 0 && has_value && o->cgroups.count < MAX_CGROUP_FILES) {
            o->cgroups.paths[o->cgroups.count++] = argv[++i];
        } else if (strcmp(a, "--clone-into-cgroup") == 0 && has_value) {
            o->clone_into = argv[++i];
        } else if (strcmp(a, "--netns") == 0 && has_value) {
            o->netns = argv[++i];
        } else if (strcmp(a, "--pid-file") == 0 && has_value) {
            o->pid_file = argv[++i];
        } else if (strcmp(a, "--exit-command") == 0 && has_value && o->exit_argc == 0) {
            o->exit_command[o->exit_argc++] = argv[++i];
        } else if (strcmp(a, "--exit-arg") == 0 && has_value && o->exit_argc > 0) {
            if (o->exit_argc > MAX_EXIT_ARGS) {
                usage("too many --exit-arg");
            }
            o->exit_command[o->exit_argc++] = argv[++i];
        } else if (strcmp(a, "--tee") == 0) {
            o->tee = 1;
        } else if (strcmp(a, "--stdin") == 0) {
            o->stdin_fed = 1;
        } else if (strcmp(a, "--tty") == 0) {
            o->tty = 1;
        } else if (strcmp(a, "--detach") == 0) {
            o->detach = 1;
        } else if (strcmp(a, "--host-network") == 0) {
            o->host_network = 1;
        } else {
            fprintf(stderr, "minidocker-monitor: unknown or incomplete option: %s\n", a);
            usage("see above");
        }
    }
    if (i + 1 >= argc) {
        usage("no command after --");
    }
    if (o->exit_file == NULL) {
        usage("--exit-file is required");
    }
    if (o->log_max_files < 1) {
        usage("--log-max-files must be at least 1");
    }
    if (o->tty && (o->tee || o->stdin_fed)) {
        usage("--tty is the monitor's own terminal, for a detached container: not with --tee or --stdin");
    }
    if (o->gidmap.count > 0 && o->uidmap.count == 0) {
        usage("--gidmap needs --uidmap");
    }
    if (o->gidmap.count == 0) {
        o->gidmap = o->uidmap;
    }
    if ((o->rootfs_overlay == NULL) != (o->rootfs == NULL)) {
        usage("--rootfs-overlay and --rootfs come together");
    }
    if (o->rootfs_overlay != NULL && o->uidmap.count == 0) {
        usage("--rootfs-overlay needs --uidmap (without a user namespace the shim mounts the rootfs)");
    }
    if (o->cgroups.count > 0 && o->uidmap.count == 0) {
        usage("--cgroup-procs needs --uidmap (without a user namespace the shim joins its cgroups)");
    }
    if (o->netns != NULL && o->host_network) {
        usage("--netns and --host-network: one network namespace or the other");
    }
    o->command = argv + i + 1;
}

/* The memory cgroup's count of OOM kills ("oom_kill N" in memory.events or memory.oom_control). */
static long oom_kills(const char *path) {
    if (path == NULL) {
        return 0;
    }
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        return 0;
    }
    char key[64];
    long value, kills = 0;
    while (fscanf(f, "%63s %ld", key, &value) == 2) {
        if (strcmp(key, "oom_kill") == 0) {
            kills = value;
        }
    }
    fclose(f);
    return kills;
}

/*
 * "<status>\n" or "<status> oom\n", written whole or not at all (a temporary file renamed), but not
 * forced to disk, as the store's records are not: an fsync would lie on every run's way to its
 * end, and what a power loss can cost is a status that a later command reports as never recorded (Podman's
 * conmon does not sync its exit file either).
 */
static void write_exit(const struct options *o, int status, int oom) {
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", o->exit_file) >= (int) sizeof tmp) {
        errno = ENAMETOOLONG;
        die("write %s", o->exit_file);
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        die("open %s", tmp);
    }
    if (dprintf(fd, oom ? "%d oom\n" : "%d\n", status) < 0 || close(fd) != 0 || rename(tmp, o->exit_file) != 0) {
        die("write %s", o->exit_file);
    }
}

/*
 * Process 1 born in the cgroup2 directory `dir` rather than moved there (see cgroupclone.h). The
 * launcher asks for it where that charges the shim's JVM nothing: a hybrid host's cgroup2
 * hierarchy, which holds no memory controller.
 */
static pid_t clone_container_into_cgroup(long flags, const char *dir) {
    int cgroup = open_cgroup_dir(dir);
    if (cgroup < 0) {
        die("open cgroup %s", dir);
    }
    pid_t child = clone_into_cgroup((unsigned long long) flags, cgroup);
    if (child < 0) {
        die("clone new namespaces into cgroup %s", dir);
    }
    close(cgroup);
    return child;
}

/*
 * The container's process 1 in new namespaces: clone(2) with a NULL stack behaves as fork. With a
 * user namespace, the others are created inside it (they belong to it), so that its root may mount
 * and set the host name there. With --clone-into-cgroup it is born in that cgroup.
 */
static pid_t clone_container(const struct options *o) {
    long flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID;
    if (!o->host_network && o->netns == NULL) {
        flags |= CLONE_NEWNET;
    }
    if (o->uidmap.count > 0) {
        flags |= CLONE_NEWUSER;
    }
    /* Joined before the clone, by the monitor, still root of the host: a child in a user namespace
     * of its own could not enter a namespace the host's owns. */
    int own = -1;
    if (o->netns != NULL && (own = netns_enter(o->netns)) < 0) {
        die("join the network namespace %s", o->netns);
    }
    pid_t child = o->clone_into != NULL ? clone_container_into_cgroup(flags, o->clone_into)
            : (pid_t) syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
    if (child != 0 && own >= 0 && netns_leave(own) != 0) {
        die("return to the monitor's network namespace");
    }
    return child;
}

/* "<pid>\n", by temp file and rename: the launcher reads it whole or not at all. */
static int write_pid_file(const char *path, pid_t pid) {
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int) sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return -1;
    }
    if (dprintf(fd, "%d\n", (int) pid) < 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        return -1;
    }
    return 0;
}

/*
 * The exit command, in a process of its own that outlives the monitor (conmon forks its own the same
 * way): with the signal dispositions and mask a program expects, no stdin or stdout, and the
 * monitor's stderr (a detached monitor's log) for its failures.
 */
static void run_exit_command(const struct options *o) {
    pid_t pid = fork();
    if (pid != 0) {
        if (pid < 0) {
            perror("minidocker-monitor: run the exit command");
        }
        return;
    }
    setsid();
    for (int sig = 1; sig < NSIG; sig++) {
        signal(sig, SIG_DFL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
    }
    execv(o->exit_command[0], o->exit_command);
    fprintf(stderr, "minidocker-monitor: exec %s: %s\n", o->exit_command[0], strerror(errno));
    _exit(127);
}

/*
 * In the child of a user namespace: wait until the monitor has written the maps and mounted the
 * root filesystem (a byte on the pipe; EOF: the monitor failed), then become root of the namespace.
 * The child is still host uid 0, which the namespace does not map: as that, it would lose its
 * capabilities at execve. setresuid(0) inside makes it the namespace's root, the mapped host uid.
 */
static void await_user_namespace(int ready) {
    char go;
    ssize_t n;
    while ((n = read(ready, &go, 1)) < 0 && errno == EINTR) {
    }
    if (n != 1) {
        _exit(125);
    }
    close(ready);
    if (setgroups(0, NULL) != 0 || setresgid(0, 0, 0) != 0 || setresuid(0, 0, 0) != 0) {
        die("become root of the user namespace");
    }
}

/* In the monitor: the maps and the root filesystem of a child waiting on {@code ready}, then let it go. */
static void prepare_user_namespace(const struct options *o, pid_t child, int ready) {
    int ok = write_id_maps(child, &o->uidmap, &o->gidmap) == 0;
    if (!ok) {
        fprintf(stderr, "minidocker-monitor: write the uid and gid maps of pid %d: %s\n", (int) child, strerror(errno));
    } else {
        ok = move_into_cgroups(child, &o->cgroups) == 0
             && (o->rootfs_overlay == NULL || mount_idmapped_rootfs(child, o->rootfs_overlay, o->rootfs) == 0);
    }
    /* Without the byte the child sees EOF and exits 125, recorded as any other exit. */
    if (ok && write(ready, "g", 1) != 1) {
        perror("minidocker-monitor: release the container");
    }
    close(ready);
}

/*
 * A host directory bound read-only onto itself in the container's mount namespace (private by
 * now: the host sees nothing of it), as runc's bind of its own binary: a container process that
 * opens /proc/1/exe while process 1 is still the shim's java, or re-executes it through an
 * entrypoint of "#!/proc/self/exe", reaches the file through this mount, which it cannot write.
 * The container lacks CAP_SYS_ADMIN to remount it; the flags a user namespace locks are kept.
 */
static void bind_readonly(const char *dir) {
    if (mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) != 0) {
        die("bind %s", dir);
    }
    struct statvfs st;
    if (statvfs(dir, &st) != 0) {
        die("statvfs %s", dir);
    }
    static const struct {
        unsigned long st, ms;
    } kept[] = {{ST_NOSUID, MS_NOSUID}, {ST_NODEV, MS_NODEV}, {ST_NOEXEC, MS_NOEXEC},
            {ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME}};
    unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        if (st.f_flag & kept[i].st) {
            flags |= kept[i].ms;
        }
    }
    if (mount(NULL, dir, NULL, flags, NULL) != 0) {
        die("remount %s read-only", dir);
    }
}

/* What the child's stdio and report pipe are: descriptors of the monitor's, never its own 0-2. */
struct child_stdio {
    int in, out, err;
    int terminal;        /* the pty slave (in, out and err), to become the controlling terminal; -1 for none */
    int report;
};

/*
 * In the child, before the shim: mounts stop propagating to the host (the shim mounts its rootfs
 * in here), the host's files it runs from are read-only, it leads a new session (with its pty as
 * the controlling terminal), stdio is the container's, and SIGINT/SIGQUIT are ignored, so that a
 * ^C forwarded before the shim is done does not end its JVM half-way (the shim resets every
 * disposition before it execs the entrypoint).
 */
static void become_container(const struct options *o, const struct child_stdio *io) {
    failures = fdopen(io->report, "w");
    if (failures != NULL) {
        setvbuf(failures, NULL, _IONBF, 0);
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        die("make / private in the new mount namespace");
    }
    if (!o->host_network && o->netns == NULL && loopback_up() != 0) {
        die("bring up lo in the new network namespace");
    }
    for (int i = 0; i < o->readonly_count; i++) {
        bind_readonly(o->readonly[i]);
    }
    if (setsid() < 0) {
        die("setsid");
    }
    if (io->terminal >= 0 && ioctl(io->terminal, TIOCSCTTY, 0) != 0) {
        die("make the pty the controlling terminal");
    }
    if (dup2(io->in, 0) < 0 || dup2(io->out, 1) < 0 || dup2(io->err, 2) < 0) {
        die("dup2 the container's stdio");
    }
    /* Nothing else the monitor was given reaches the container: only stdio and the report pipe. */
    syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
    char report[16];
    snprintf(report, sizeof report, "%d", io->report);
    if (fcntl(io->report, F_SETFD, 0) != 0 || setenv(REPORT_FD_VARIABLE, report, 1) != 0) {
        die("pass the report pipe");
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(o->command[0], o->command);
    int err = errno;
    fprintf(failures != NULL ? failures : stderr, "minidocker-monitor: exec %s: %s\n", o->command[0], strerror(err));
    _exit(err == ENOENT ? 127 : 126);
}

/* Copies what can be read now to the tee and the log; at EOF or on error the stream is done. */
static void pump(struct stream *s, struct jsonlog *log) {
    char chunk[8192];
    ssize_t n = read(s->fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    if (n <= 0) {
        /* EIO is how a pty master reports that the last slave closed. */
        if (s->logged && s->len > 0) {
            jsonlog_write(log, s->name, s->buf, s->len);
            s->len = 0;
        }
        close(s->fd);
        s->fd = -1;
        return;
    }
    if (s->tee_fd >= 0 && write_all(s->tee_fd, chunk, (size_t) n) != 0) {
        s->tee_fd = -1; /* the reader went away: keep logging */
    }
    for (ssize_t i = 0; s->logged && i < n; i++) {
        s->buf[s->len++] = chunk[i];
        if (chunk[i] == '\n' || s->len == LINE_MAX_BYTES) {
            jsonlog_write(log, s->name, s->buf, s->len);
            s->len = 0;
        }
    }
}

static int open_pty(char *slave, size_t size) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave, size) != 0) {
        die("open a pseudo-terminal");
    }
    /* Nobody is attached to size it: a conventional terminal rather than 0x0. */
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    ioctl(master, TIOCSWINSZ, &ws);
    return master;
}

static int open_null(void) {
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        die("open /dev/null");
    }
    return fd;
}

static void make_pipe(int ends[2]) {
    if (pipe2(ends, O_CLOEXEC) != 0) {
        die("pipe");
    }
}

int main(int argc, char **argv) {
    struct options o;
    parse(argc, argv, &o);

    /* The monitor outlives the command and the terminal that started it; minidocker signals the
     * container's process 1 directly, never the monitor. A log over RLIMIT_FSIZE is a failed write. */
    int ignored[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGTTOU, SIGTTIN, SIGXFSZ};
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
        signal(ignored[i], SIG_IGN);
    }
    struct ending ending;
    if (ending_open(&ending, DRAIN_MS) != 0) {
        die("signalfd");
    }
    if (o.detach) {
        setsid();
    }

    struct jsonlog log;
    if (o.log != NULL && jsonlog_open(&log, o.log, o.log_max_size, o.log_max_files) != 0) {
        die("open log %s", o.log);
    }
    /* Static: the buffers cost resident memory only once something is logged or fed. */
    static char lines[2][LINE_MAX_BYTES];
    static struct feed input = {.from = -1, .to = -1};
    struct stream streams[3] = {
        {.fd = -1, .tee_fd = o.tee ? 1 : -1, .logged = o.log != NULL, .name = "stdout", .buf = lines[0]},
        {.fd = -1, .tee_fd = o.tee ? 2 : -1, .logged = o.log != NULL, .name = "stderr", .buf = lines[1]},
        {.fd = -1, .tee_fd = 2, .logged = 0, .name = "report"},
    };
    struct child_stdio io = {.terminal = -1};
    int null = open_null();
    io.in = io.out = io.err = null;
    if (o.tty) {
        char slave[128];
        streams[0].fd = open_pty(slave, sizeof slave);
        /* Opened here: the child of a user namespace would not be let in (the slave is host root's). */
        io.terminal = io.in = io.out = io.err = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (io.terminal < 0) {
            die("open %s", slave);
        }
    } else if (o.log != NULL || o.tee) {
        /* Else (detached, --log-driver none) the output goes nowhere, as Docker's none driver sends it. */
        int out[2], err[2];
        make_pipe(out);
        make_pipe(err);
        streams[0].fd = out[0];
        streams[1].fd = err[0];
        io.out = out[1];
        io.err = err[1];
    }
    if (o.stdin_fed) {
        int in[2];
        make_pipe(in);
        feed_init(&input, 0, in[1]);
        io.in = in[0];
    }
    int report[2];
    make_pipe(report);
    streams[2].fd = report[0];
    io.report = report[1];

    int ready[2] = {-1, -1};
    if (o.uidmap.count > 0) {
        make_pipe(ready);
    }
    long oom_before = oom_kills(o.oom_file);
    pid_t child = ending.pid = clone_container(&o);
    if (child < 0) {
        die("clone new namespaces");
    }
    if (child == 0) {
        if (ready[0] >= 0) {
            close(ready[1]);
            await_user_namespace(ready[0]);
        }
        become_container(&o, &io);
    }
    if (o.pid_file != NULL && write_pid_file(o.pid_file, child) != 0) {
        int saved = errno;
        kill(child, SIGKILL);
        errno = saved;
        die("write %s", o.pid_file);
    }
    /* The child's ends are its own now (the pty slave and /dev/null may stand for several). */
    int given[] = {io.in, io.out, io.err, io.report, null};
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++) {
            first &= given[j] != given[i];
        }
        if (first) {
            close(given[i]);
        }
    }
    if (ready[0] >= 0) {
        close(ready[0]);
        prepare_user_namespace(&o, child, ready[1]);
    }

    for (;;) {
        struct pollfd fds[5];
        int n = 0;
        for (int i = 0; i < 3; i++) {
            if (streams[i].fd >= 0) {
                fds[n++] = (struct pollfd) {.fd = streams[i].fd, .events = POLLIN};
            }
        }
        int timeout = ending_timeout(&ending, n);
        if (timeout == 0) {
            break;
        }
        int running = ending.status < 0;
        if (running) {
            fds[n++] = (struct pollfd) {.fd = ending.fd, .events = POLLIN};
            fds[n++] = feed_wants(&input);
        }
        if (poll(fds, (nfds_t) n, timeout) < 0 && errno != EINTR) {
            die("poll");
        }
        int k = 0;
        for (int i = 0; i < 3; i++) {
            if (streams[i].fd >= 0 && fds[k++].revents != 0) {
                pump(&streams[i], &log);
            }
        }
        if (running && fds[k + 1].revents != 0) {
            feed_run(&input);
        }
        if (running && fds[k].revents != 0) {
            if (ending_check(&ending) != 0) {
                die("wait for pid %d", (int) child);
            }
            if (ending.status >= 0) {
                feed_stop(&input);
            }
        }
    }
    if (o.log != NULL) {
        for (int i = 0; i < 2; i++) {
            if (streams[i].len > 0) {
                jsonlog_write(&log, streams[i].name, streams[i].buf, streams[i].len);
            }
        }
        jsonlog_close(&log);
    }
    write_exit(&o, ending.status, oom_kills(o.oom_file) > oom_before);
    if (o.exit_command[0] != NULL) {
        run_exit_command(&o);
    }
    return 0;
}
