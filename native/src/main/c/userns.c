/*
 * The host's part of a container with a user namespace of its own (--userns=private, --uidmap).
 *
 * The monitor clones the container's process 1 with CLONE_NEWUSER besides the other namespaces, so
 * that they all belong to the new user namespace, while the monitor itself stays host root in the
 * host's namespaces (it writes the exit file and the log in root-owned directories). The child waits
 * on a pipe while the monitor, here:
 *
 *  1. writes /proc/<child>/uid_map and gid_map. As root in the parent namespace it may write maps
 *     of many lines, and setgroups(2) stays allowed inside.
 *  2. moves it into the container's cgroups. On cgroup v2 moving a process takes write access to
 *     the cgroup.procs of the cgroup that the one it leaves and the one it joins have in common,
 *     which the namespace's root cannot write (the launcher hands it the container's files only).
 *  3. mounts the root filesystem for it. The image's layers belong to host uids (0 for root), which
 *     a namespace mapping container 0 to host 100000 would show as nobody. An idmapped mount shows
 *     them shifted instead, without copying or chowning a file: open_tree(OPEN_TREE_CLONE) makes a
 *     detached copy of each layer's mount, mount_setattr(MOUNT_ATTR_IDMAP) gives it the child's
 *     mapping (host file uid 0 -> 100000, which is 0 inside). Only a process with CAP_SYS_ADMIN in
 *     the initial user namespace may do that to a host filesystem, so not the child. A helper forked
 *     here makes the detached mounts, setns(2)es into the child's mount namespace, attaches each
 *     over its own layer directory there (move_mount(2)) and mounts the overlay with the lowerdirs
 *     the launcher named. Overlayfs takes idmapped lower layers since 5.19, but before 6.15 only
 *     mounts of the mounting process's namespace, not detached ones (EINVAL): attached, they serve
 *     every kernel since 5.19. Only the container's mount namespace sees them, and they go with
 *     the host's tree when the shim pivots into the root filesystem. The overlay is the host
 *     root's, as without a user namespace: it reads the layers' trusted.overlay.* xattrs (opaque
 *     directories), which a mount made inside the namespace could not. The mount exists only in the
 *     container's mount namespace: nothing shows on the host, and it goes when the container ends.
 *     The upper and work directories belong to the mapped root (the launcher chowns them), so new
 *     files are written as that uid.
 *
 * Then the monitor releases the child, which becomes root of its namespace and execs the shim.
 */
#define _GNU_SOURCE
#include "userns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LOWERS 128

int id_map_line_valid(const char *line) {
    unsigned long long container, host, size;
    char rest;
    return sscanf(line, "%llu %llu %llu %c", &container, &host, &size, &rest) == 3 && line[0] >= '0'
                   && line[0] <= '9' && size > 0 && container + size <= 4294967296ULL
                   && host + size <= 4294967296ULL
               ? 0
               : -1;
}

static int write_map(pid_t child, const char *file, const struct id_map *map) {
    char path[64], text[MAX_MAP_LINES * 40];
    size_t len = 0;
    for (int i = 0; i < map->count; i++) {
        int n = snprintf(text + len, sizeof text - len, "%s\n", map->lines[i]);
        if (n < 0 || (size_t) n >= sizeof text - len) {
            errno = E2BIG;
            return -1;
        }
        len += (size_t) n;
    }
    snprintf(path, sizeof path, "/proc/%d/%s", (int) child, file);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    ssize_t written = write(fd, text, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return written == (ssize_t) len ? 0 : -1;
}

int write_id_maps(pid_t child, const struct id_map *uids, const struct id_map *gids) {
    return write_map(child, "uid_map", uids) == 0 && write_map(child, "gid_map", gids) == 0 ? 0 : -1;
}

int move_into_cgroups(pid_t child, const struct cgroup_files *files) {
    for (int i = 0; i < files->count; i++) {
        int fd = open(files->paths[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0 || dprintf(fd, "%d\n", (int) child) < 0) {
            fprintf(stderr, "minidocker-monitor: move pid %d into cgroup %s: %s\n", (int) child, files->paths[i],
                    strerror(errno));
            if (fd >= 0) {
                close(fd);
            }
            return -1;
        }
        close(fd);
    }
    return 0;
}

static void helper_fail(const char *what, const char *subject) {
    fprintf(stderr, "minidocker-monitor: %s %s: %s\n", what, subject, strerror(errno));
    _exit(1);
}

/* In the helper: one idmapped detached copy of the layer directory; returns its descriptor. */
static int idmapped_layer(const char *dir, int userns) {
    int tree = open_tree(AT_FDCWD, dir, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (tree < 0) {
        helper_fail("open_tree", dir);
    }
    struct mount_attr attr = {.attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (unsigned long long) userns};
    if (mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof attr) != 0) {
        helper_fail("idmap (mount_setattr MOUNT_ATTR_IDMAP)", dir);
    }
    return tree;
}

static void helper(pid_t child, const char *options, const char *target) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/user", (int) child);
    int userns = open(path, O_RDONLY | O_CLOEXEC);
    if (userns < 0) {
        helper_fail("open", path);
    }
    snprintf(path, sizeof path, "/proc/%d/ns/mnt", (int) child);
    int mntns = open(path, O_RDONLY | O_CLOEXEC);
    if (mntns < 0) {
        helper_fail("open", path);
    }
    const char *prefix = "lowerdir=";
    if (strncmp(options, prefix, strlen(prefix)) != 0) {
        errno = EINVAL;
        helper_fail("overlay options do not start with lowerdir=:", options);
    }
    const char *lowers = options + strlen(prefix);
    char *dirs = strndup(lowers, strcspn(lowers, ","));
    const char *layer[MAX_LOWERS];
    int tree[MAX_LOWERS];
    int n = 0;
    if (dirs == NULL) {
        helper_fail("allocate", "overlay options");
    }
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d != NULL; d = strtok_r(NULL, ":", &save)) {
        if (n == MAX_LOWERS) {
            errno = E2BIG;
            helper_fail("idmap", "more than 128 layers");
        }
        layer[n] = d;
        tree[n++] = idmapped_layer(d, userns);
    }
    if (setns(mntns, CLONE_NEWNS) != 0) {
        helper_fail("setns into the mount namespace of pid", path);
    }
    /* As the child would: nothing mounted in here may propagate to the host. */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        helper_fail("make / private in", path);
    }
    for (int i = 0; i < n; i++) {
        if (move_mount(tree[i], "", AT_FDCWD, layer[i], MOVE_MOUNT_F_EMPTY_PATH) != 0) {
            helper_fail("attach the idmapped copy over", layer[i]);
        }
    }
    if (mount("overlay", target, "overlay", 0, options) != 0) {
        helper_fail("mount overlay with idmapped layers on", target);
    }
    _exit(0);
}

int mount_idmapped_rootfs(pid_t child, const char *overlay_options, const char *target) {
    pid_t pid = fork();
    if (pid < 0) {
        perror("minidocker-monitor: fork the mount helper");
        return -1;
    }
    if (pid == 0) {
        helper(child, overlay_options, target);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("minidocker-monitor: wait for the mount helper");
            return -1;
        }
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
