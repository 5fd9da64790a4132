/*
 * A probe run inside containers by the boundary tests (static, so it needs nothing of the image):
 *
 *   boundary-probe sti TEXT        pushes TEXT as typed input (TIOCSTI) into fds 0, 1, 2 and /dev/tty;
 *                                  prints, for each, "pushed" or why not
 *   boundary-probe sti-later TEXT  the same from a daemonised child, 3 s later (its parent returns at
 *                                  once), into /tmp/sti-later-TEXT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void push(FILE *out, const char *name, int fd, const char *text) {
    if (fd < 0) {
        fprintf(out, "%s: %s\n", name, strerror(errno));
        return;
    }
    for (const char *c = text; *c != '\0'; c++) {
        if (ioctl(fd, TIOCSTI, c) != 0) {
            fprintf(out, "%s: %s\n", name, strerror(errno));
            return;
        }
    }
    fprintf(out, "%s: pushed\n", name);
}

static void sti(FILE *out, const char *text) {
    push(out, "fd 0", 0, text);
    push(out, "fd 1", 1, text);
    push(out, "fd 2", 2, text);
    push(out, "/dev/tty", open("/dev/tty", O_RDWR | O_NOCTTY), text);
    fflush(out);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "sti") == 0) {
        sti(stdout, argv[2]);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "sti-later") == 0) {
        if (fork() != 0) {
            return 0;
        }
        sleep(3);
        char name[256];
        snprintf(name, sizeof name, "/tmp/sti-later-%s", argv[2]);
        FILE *out = fopen(name, "w");
        sti(out != NULL ? out : stderr, argv[2]);
        return 0;
    }
    fprintf(stderr, "usage: boundary-probe sti|sti-later TEXT\n");
    return 2;
}
