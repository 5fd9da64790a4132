/* Docker's json-file log: one {"log","stream","time"} object a line, rotated by size. */
#ifndef MINIDOCKER_JSONLOG_H
#define MINIDOCKER_JSONLOG_H

#include <stddef.h>

struct jsonlog {
    const char *path;
    int fd;
    long long size;       /* bytes in the current file */
    long long max_size;   /* rotate once the file has this many; 0: never */
    int max_files;        /* the current file and max_files - 1 rotated ones (path.1 the newest) */
    int write_failed;     /* said since the last entry written whole */
    int rotate_failed;    /* said since the last rotation */
};

/* 0, or -1 with errno set. */
int jsonlog_open(struct jsonlog *log, const char *path, long long max_size, int max_files);

/*
 * Appends one entry, whole or not at all; one that cannot be written is dropped (the container must
 * not stop for its log), and the first of a run of failures is said on stderr.
 */
void jsonlog_write(struct jsonlog *log, const char *stream, const char *data, size_t len);

void jsonlog_close(struct jsonlog *log);

/* The JSON string body for data (no quotes), as Docker escapes it; returns its length. out must hold 6 * len bytes. */
size_t jsonlog_escape(const char *data, size_t len, char *out);

/* Go's RFC 3339 with nanoseconds, trailing zeros cut: 2026-11-28T18:55:34.1234567Z. out must hold 40 bytes. */
size_t jsonlog_time(long long seconds, long nanos, char *out);

#endif
