#define _GNU_SOURCE
#include "relay.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w > 0) {
            p += w;
            len -= (size_t) w;
        } else if (w < 0 && errno == EINTR) {
            continue;
        } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* Someone made the caller's descriptor non-blocking: wait until it takes more. */
            struct pollfd ready = {.fd = fd, .events = POLLOUT};
            if (poll(&ready, 1, -1) < 0 && errno != EINTR) {
                return -1;
            }
        } else {
            if (w == 0) {
                errno = EIO;
            }
            return -1;
        }
    }
    return 0;
}

void feed_init(struct feed *f, int from, int to) {
    f->from = from;
    f->to = to;
    f->len = f->off = 0;
    fcntl(to, F_SETFL, fcntl(to, F_GETFL) | O_NONBLOCK);
}

struct pollfd feed_wants(const struct feed *f) {
    struct pollfd p = {.fd = -1};
    if (f->to >= 0 && f->off < f->len) {
        p.fd = f->to;
        p.events = POLLOUT;
    } else if (f->to >= 0 && f->from >= 0) {
        p.fd = f->from;
        p.events = POLLIN;
    }
    return p;
}

void feed_stop(struct feed *f) {
    if (f->to >= 0) {
        close(f->to);
        f->to = -1;
    }
    f->from = -1;
}

void feed_run(struct feed *f) {
    if (f->off == f->len) {
        ssize_t n = read(f->from, f->buf, sizeof f->buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
            return;
        }
        if (n <= 0) {
            feed_stop(f); /* EOF: so does the container's stdin */
            return;
        }
        f->len = (size_t) n;
        f->off = 0;
    }
    ssize_t w = write(f->to, f->buf + f->off, f->len - f->off);
    if (w > 0) {
        f->off += (size_t) w;
    } else if (w < 0 && errno != EINTR && errno != EAGAIN) {
        feed_stop(f); /* the container closed its stdin */
    }
}

int ending_open(struct ending *e, int drain_ms) {
    e->pid = 0;
    e->status = -1;
    e->drain_ms = drain_ms;
    signal(SIGCHLD, SIG_DFL);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    e->fd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    return e->fd < 0 ? -1 : 0;
}

int ending_check(struct ending *e) {
    struct signalfd_siginfo info;
    while (read(e->fd, &info, sizeof info) > 0) {
    }
    int raw;
    pid_t r;
    while ((r = waitpid(e->pid, &raw, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (r < 0) {
        return -1;
    }
    if (r == e->pid) {
        e->status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        clock_gettime(CLOCK_MONOTONIC, &e->at);
    }
    return 0;
}

int ending_timeout(const struct ending *e, int streams_open) {
    if (e->status < 0) {
        return -1;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long left = e->drain_ms - ((now.tv_sec - e->at.tv_sec) * 1000 + (now.tv_nsec - e->at.tv_nsec) / 1000000);
    return streams_open == 0 || left <= 0 ? 0 : (int) left;
}
