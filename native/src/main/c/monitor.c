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
 * With --uidmap the container gets a user namespace of its own as well, and the monitor moves it
 * into its cgroups and mounts its root filesystem from idmapped layers (userns.c).
 *
 * C, not Java: a JVM left resident costs 28-40 MB per container, this about 0.3 MB.
 *
 * minidocker-monitor --exit-file PATH [--log PATH [--log-max-size BYTES] [--log-max-files N]]
 *                    [--tee] [--tty] [--detach] [--host-network] [--oom-file PATH]
 *                    [--uidmap "C H S"]... [--gidmap "C H S"]... [--rootfs-overlay OPTIONS --rootfs DIR]
 *                    [--cgroup-procs PATH]... -- COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "jsonlog.h"
#include "userns.h"

/* A long line is logged in pieces of this size, as Docker does (the pieces lack the final \n). */
#define LINE_MAX_BYTES 16384
/* How long the log is drained after process 1 ends: its pid namespace is gone, so EOF comes at once
 * unless a process outside it (an exec'd one's child that escaped, say) holds the pipe. */
#define DRAIN_MS 2000

struct options {
    const char *exit_file;
    const char *log;
    long long log_max_size;
    int log_max_files;
    int tee;
    int tty;
    int detach;
    int host_network;
    const char *oom_file;
    struct id_map uidmap;  /* empty: no user namespace */
    struct id_map gidmap;  /* empty with a uidmap: the same as it */
    const char *rootfs_overlay;
    const char *rootfs;
    struct cgroup_files cgroups; /* with a uidmap: the monitor moves the child into them */
    char **command;
};

struct stream {
    int fd;              /* read end, -1 once at EOF */
    int tee_fd;          /* where a foreground run also shows it, -1 for none */
    const char *name;    /* "stdout" or "stderr" */
    char buf[LINE_MAX_BYTES];
    size_t len;
};

static void die(const char *what, ...) {
    va_list ap;
    int saved = errno;
    fputs("minidocker-monitor: ", stderr);
    va_start(ap, what);
    vfprintf(stderr, what, ap);
    va_end(ap);
    fprintf(stderr, ": %s\n", strerror(saved));
    exit(125);
}

static void usage(const char *problem) {
    fprintf(stderr, "minidocker-monitor: %s\n"
            "usage: minidocker-monitor --exit-file PATH [--log PATH [--log-max-size BYTES] [--log-max-files N]]\n"
            "       [--tee] [--tty] [--detach] [--host-network] [--oom-file PATH]\n"
            "       [--uidmap \"C H S\"]... [--gidmap \"C H S\"]... [--rootfs-overlay OPTIONS --rootfs DIR]\n"
            "       [--cgroup-procs PATH]... -- COMMAND [ARG...]\n", problem);
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
        } else if (strcmp(a, "--cgroup-procs") == 0 && has_value && o->cgroups.count < MAX_CGROUP_FILES) {
            o->cgroups.paths[o->cgroups.count++] = argv[++i];
        } else if (strcmp(a, "--tee") == 0) {
            o->tee = 1;
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
    if ((o->tty || o->tee) && o->log == NULL) {
        usage("--tty and --tee need --log");
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
 * forced to disk, as the store's records are not: fsync took 1 ms of every run's end here, and what
 * a power loss can cost is a status that a later command reports as never recorded (Podman's
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
 * The container's process 1 in new namespaces: clone(2) with a NULL stack behaves as fork. With a
 * user namespace, the others are created inside it (they belong to it), so that its root may mount
 * and set the host name there.
 */
static pid_t clone_container(const struct options *o) {
    long flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | SIGCHLD;
    if (!o->host_network) {
        flags |= CLONE_NEWNET;
    }
    if (o->uidmap.count > 0) {
        flags |= CLONE_NEWUSER;
    }
    return (pid_t) syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
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
 * In the child, before the shim: mounts stop propagating to the host (the shim mounts its rootfs
 * in here), stdio is the log pipes or the pty, and SIGINT/SIGQUIT are ignored as a shell ignores
 * them for a background job, so that a terminal's ^C does not end the shim's JVM half-way (the
 * shim resets every disposition before it execs the entrypoint).
 */
static void become_container(const struct options *o, int out, int err, int pty_slave) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        die("make / private in the new mount namespace");
    }
    if (pty_slave >= 0) {
        if (setsid() < 0) {
            die("setsid");
        }
        if (ioctl(pty_slave, TIOCSCTTY, 0) != 0) {
            die("make the pty the controlling terminal");
        }
        out = err = pty_slave;
        if (dup2(pty_slave, 0) < 0) {
            die("dup2 terminal");
        }
    }
    if ((out >= 0 && dup2(out, 1) < 0) || (err >= 0 && dup2(err, 2) < 0)) {
        die("dup2 log pipe");
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvp(o->command[0], o->command);
    fprintf(stderr, "minidocker-monitor: exec %s: %s\n", o->command[0], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
}

/* Copies what can be read now; at EOF or on error the stream is done. */
static void pump(struct stream *s, struct jsonlog *log) {
    char chunk[8192];
    ssize_t n = read(s->fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    if (n <= 0) {
        /* EIO is how a pty master reports that the last slave closed. */
        if (s->len > 0) {
            jsonlog_write(log, s->name, s->buf, s->len);
            s->len = 0;
        }
        close(s->fd);
        s->fd = -1;
        return;
    }
    if (s->tee_fd >= 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(s->tee_fd, chunk + off, (size_t) (n - off));
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                s->tee_fd = -1; /* the reader went away: keep logging */
                break;
            }
            off += w;
        }
    }
    for (ssize_t i = 0; i < n; i++) {
        s->buf[s->len++] = chunk[i];
        if (chunk[i] == '\n' || s->len == sizeof s->buf) {
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

static int milliseconds_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int) ((now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000);
}

int main(int argc, char **argv) {
    struct options o;
    parse(argc, argv, &o);

    /* The monitor outlives the command and the terminal that started it; minidocker signals the
     * container's process 1 directly, never the monitor. */
    int ignored[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGTTOU, SIGTTIN};
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
        signal(ignored[i], SIG_IGN);
    }
    if (o.detach) {
        setsid();
    }

    struct jsonlog log;
    struct stream streams[2] = {
        {.fd = -1, .tee_fd = -1, .name = "stdout"},
        {.fd = -1, .tee_fd = -1, .name = "stderr"},
    };
    int child_out = -1, child_err = -1, child_pty = -1;
    char slave[128];
    if (o.log != NULL) {
        if (jsonlog_open(&log, o.log, o.log_max_size, o.log_max_files) != 0) {
            die("open log %s", o.log);
        }
        if (o.tty) {
            streams[0].fd = open_pty(slave, sizeof slave);
            /* Opened here: the child of a user namespace would not be let in (the slave is host root's). */
            child_pty = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
            if (child_pty < 0) {
                die("open %s", slave);
            }
        } else {
            int out[2], err[2];
            if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
                die("pipe");
            }
            streams[0].fd = out[0];
            streams[1].fd = err[0];
            child_out = out[1];
            child_err = err[1];
        }
        if (o.tee) {
            streams[0].tee_fd = 1;
            streams[1].tee_fd = 2;
        }
    }

    int ready[2] = {-1, -1};
    if (o.uidmap.count > 0 && pipe2(ready, O_CLOEXEC) != 0) {
        die("pipe");
    }
    long oom_before = oom_kills(o.oom_file);
    pid_t child = clone_container(&o);
    if (child < 0) {
        die("clone new namespaces");
    }
    if (child == 0) {
        if (ready[0] >= 0) {
            close(ready[1]);
            await_user_namespace(ready[0]);
        }
        become_container(&o, child_out, child_err, child_pty);
    }
    if (child_out >= 0) {
        close(child_out);
        close(child_err);
    }
    if (child_pty >= 0) {
        close(child_pty);
    }
    if (ready[0] >= 0) {
        close(ready[0]);
        prepare_user_namespace(&o, child, ready[1]);
    }

    int status = -1;
    struct timespec exited;
    for (;;) {
        if (status < 0) {
            int raw;
            pid_t r = waitpid(child, &raw, WNOHANG);
            if (r == child) {
                status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
                clock_gettime(CLOCK_MONOTONIC, &exited);
            }
        }
        struct pollfd fds[2];
        int n = 0;
        for (int i = 0; i < 2; i++) {
            if (streams[i].fd >= 0) {
                fds[n].fd = streams[i].fd;
                fds[n].events = POLLIN;
                n++;
            }
        }
        if (status >= 0 && (n == 0 || milliseconds_since(&exited) > DRAIN_MS)) {
            break;
        }
        if (n == 0) {
            /* Nothing to copy: just wait for process 1. */
            int raw;
            if (waitpid(child, &raw, 0) == child) {
                status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
                clock_gettime(CLOCK_MONOTONIC, &exited);
            }
            continue;
        }
        /* Woken by output, or every 100 ms to see whether process 1 has ended. */
        if (poll(fds, (nfds_t) n, 100) < 0 && errno != EINTR) {
            die("poll");
        }
        for (int i = 0, k = 0; i < 2; i++) {
            if (streams[i].fd >= 0) {
                if (fds[k].revents != 0) {
                    pump(&streams[i], &log);
                }
                k++;
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
    write_exit(&o, status, oom_kills(o.oom_file) > oom_before);
    return 0;
}
