#define _GNU_SOURCE
#include "jsonlog.h"
#include "relay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int jsonlog_open(struct jsonlog *log, const char *path, long long max_size, int max_files) {
    log->path = path;
    log->max_size = max_size;
    log->max_files = max_files;
    log->write_failed = log->rotate_failed = 0;
    log->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (log->fd < 0) {
        return -1;
    }
    struct stat st;
    if (fstat(log->fd, &st) != 0) {
        return -1;
    }
    log->size = st.st_size;
    return 0;
}

/* One line on stderr the first time a problem is met since that step last worked. */
static void warn_once(int *warned, const char *what, const char *path) {
    if (!*warned) {
        *warned = 1;
        fprintf(stderr, "minidocker-monitor: warning: %s %s: %s\n", what, path, strerror(errno));
    }
}

/*
 * path.(n-1) -> path.n ... path -> path.1, then the new file, made first under another name, becomes
 * path; with one file, the file is emptied. A new file that cannot be made leaves everything as it
 * was: the log goes on in the current file, over its size, until a later entry rotates it.
 */
static void rotate(struct jsonlog *log) {
    if (log->max_files == 1) {
        if (ftruncate(log->fd, 0) != 0) {
            warn_once(&log->rotate_failed, "rotate log", log->path);
            return;
        }
        log->size = 0;
        log->rotate_failed = 0;
        return;
    }
    char next[4096], from[4096], to[4096];
    snprintf(next, sizeof next, "%s.next", log->path);
    int fd = open(next, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        warn_once(&log->rotate_failed, "rotate log", log->path);
        return;
    }
    for (int i = log->max_files - 1; i >= 1; i--) {
        if (i == 1) {
            snprintf(from, sizeof from, "%s", log->path);
        } else {
            snprintf(from, sizeof from, "%s.%d", log->path, i - 1);
        }
        snprintf(to, sizeof to, "%s.%d", log->path, i);
        if (rename(from, to) != 0 && errno != ENOENT) {
            /* The current file still has its name (the older ones may have moved on): the log goes on in it. */
            warn_once(&log->rotate_failed, "rotate log", log->path);
            unlink(next);
            close(fd);
            return;
        }
    }
    if (rename(next, log->path) != 0) {
        warn_once(&log->rotate_failed, "rotate log", log->path);
        rename(to, log->path); /* to is path.1 here: the current file gets its name back */
        unlink(next);
        close(fd);
        return;
    }
    close(log->fd);
    log->fd = fd;
    log->size = 0;
    log->rotate_failed = 0;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one. */
static size_t utf8_length(const unsigned char *s, size_t left) {
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) {
            lo = 0xA0; /* overlong */
        } else if (c == 0xED) {
            hi = 0x9F; /* surrogates */
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) {
            lo = 0x90;
        } else if (c == 0xF4) {
            hi = 0x8F; /* above U+10FFFF */
        }
    } else {
        return 0;
    }
    if (left < n || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF) {
            return 0;
        }
    }
    return n;
}

size_t jsonlog_escape(const char *data, size_t len, char *out) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *) data;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t n = utf8_length(s + i, len - i);
            if (n == 0) {
                memcpy(out + o, "\\ufffd", 6); /* as Go's encoder replaces invalid bytes */
                o += 6;
                i++;
            } else if (n == 3 && c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
                /* U+2028 and U+2029 end lines in JavaScript: Go escapes them. */
                memcpy(out + o, s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                o += 6;
                i += 3;
            } else {
                memcpy(out + o, s + i, n);
                o += n;
                i += n;
            }
            continue;
        }
        switch (c) {
        case '"': out[o++] = '\\'; out[o++] = '"'; break;
        case '\\': out[o++] = '\\'; out[o++] = '\\'; break;
        case '\n': out[o++] = '\\'; out[o++] = 'n'; break;
        case '\r': out[o++] = '\\'; out[o++] = 'r'; break;
        case '\t': out[o++] = '\\'; out[o++] = 't'; break;
        default:
            /* Controls, and <, > and & as Go's HTML-safe encoder writes them in Docker's logs. */
            if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                memcpy(out + o, "\\u00", 4);
                out[o + 4] = hex[c >> 4];
                out[o + 5] = hex[c & 0xF];
                o += 6;
            } else {
                out[o++] = (char) c;
            }
        }
        i++;
    }
    return o;
}

size_t jsonlog_time(long long seconds, long nanos, char *out) {
    time_t t = (time_t) seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
    if (nanos > 0) {
        char frac[24];
        snprintf(frac, sizeof frac, ".%09ld", nanos);
        size_t f = strlen(frac);
        while (frac[f - 1] == '0') {
            f--;
        }
        memcpy(out + n, frac, f);
        n += f;
    }
    out[n++] = 'Z';
    out[n] = '\0';
    return n;
}

void jsonlog_write(struct jsonlog *log, const char *stream, const char *data, size_t len) {
    if (log->fd < 0) {
        return;
    }
    if (log->max_size > 0 && log->size >= log->max_size) {
        rotate(log);
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    char *entry = malloc(6 * len + 128);
    if (entry == NULL) {
        return;
    }
    size_t n = 0;
    memcpy(entry, "{\"log\":\"", 8);
    n += 8;
    n += jsonlog_escape(data, len, entry + n);
    n += (size_t) sprintf(entry + n, "\",\"stream\":\"%s\",\"time\":\"", stream);
    n += jsonlog_time((long long) now.tv_sec, now.tv_nsec, entry + n);
    memcpy(entry + n, "\"}\n", 3);
    n += 3;
    /*
     * Whole or not at all: a torn entry would make a reader drop it and the next one too. What a
     * full disk cut short is cut off again, and the entries are dropped until they fit.
     */
    if (write_all(log->fd, entry, n) == 0) {
        log->size += (long long) n;
        log->write_failed = 0;
    } else {
        warn_once(&log->write_failed, "write log", log->path);
        if (ftruncate(log->fd, log->size) != 0) {
            /* The file shrinks no more (a reader sees a torn last line): the next entry follows it. */
        }
    }
    free(entry);
}

void jsonlog_close(struct jsonlog *log) {
    if (log->fd >= 0) {
        close(log->fd);
        log->fd = -1;
    }
}
