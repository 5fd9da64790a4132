/*
 * Copying a container's stdio. A container never gets the caller's descriptors (a terminal it could
 * push input into with TIOCSTI, a file it could rewrite through /proc/self/fd): its stdin, stdout
 * and stderr are pipes, or a pty of its own, that the monitor and the exec helper copy from and to
 * the caller's, as Docker's engine and Podman's conmon do.
 */
#ifndef MINIDOCKER_RELAY_H
#define MINIDOCKER_RELAY_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* Writes all of buf, waiting while fd would block; 0, or -1 with errno when fd fails (its reader is gone). */
int write_all(int fd, const void *buf, size_t len);

/*
 * The caller's input fed to a container's stdin pipe, whose write end is non-blocking: what the
 * container does not read yet waits here, so the relay never stops copying the container's output
 * to wait for it to read. At EOF of `from` the pipe is closed (the container reads EOF); when the
 * container closes its end, the rest is dropped and `from` no longer read.
 */
struct feed {
    int from;           /* the caller's side, -1 once done with */
    int to;             /* the container's stdin pipe, -1 once closed */
    char buf[16384];
    size_t len, off;
};

/* A feed from `from` into the pipe `to`, made non-blocking here. */
void feed_init(struct feed *f, int from, int to);

/* What to poll for: the pipe when something waits to be written, else the caller's side; fd -1 when done. */
struct pollfd feed_wants(const struct feed *f);

/* One step once poll said ready: read a chunk, or write what waits. */
void feed_run(struct feed *f);

/* Stops feeding (the container has ended): closes the pipe. */
void feed_stop(struct feed *f);

/*
 * The end of the process whose output is copied (process 1, or an exec'd command): SIGCHLD, blocked
 * and read from a signalfd among the descriptors polled, then its output is drained until EOF or
 * for at most drain_ms more, for a process of its that keeps the pipes.
 */
struct ending {
    pid_t pid;
    int fd;              /* the signalfd, to poll for POLLIN while status < 0 */
    int status;          /* its exit status (128 + signal when killed), -1 until it has ended */
    int drain_ms;
    struct timespec at;
};

/* SIGCHLD to its default (an ignored one would reap the process first), blocked, and a signalfd; 0 or -1. */
int ending_open(struct ending *e, int drain_ms);

/* After poll: reaps the process if it has ended; 0, or -1 when it cannot be waited for (errno). */
int ending_check(struct ending *e);

/* The poll timeout: -1 while the process runs, what is left of the drain after; 0 when the copying is over. */
int ending_timeout(const struct ending *e, int streams_open);

#endif
