/*
 * A container in a user namespace of its own: the monitor's side of it (see userns.c).
 */
#ifndef MINIDOCKER_USERNS_H
#define MINIDOCKER_USERNS_H

#include <sys/types.h>

/* At most this many lines per map (the kernel's limit is 340). */
#define MAX_MAP_LINES 64

struct id_map {
    const char *lines[MAX_MAP_LINES]; /* "CONTAINER HOST SIZE", one per --uidmap/--gidmap */
    int count;
};

/* At most this many files to join cgroups by (one per v1 hierarchy, one on v2). */
#define MAX_CGROUP_FILES 16

struct cgroup_files {
    const char *paths[MAX_CGROUP_FILES]; /* v2's cgroup.procs, or each v1 hierarchy's tasks */
    int count;
};

/* Checks one "CONTAINER HOST SIZE" line; returns 0 when it is three unsigned numbers and SIZE > 0. */
int id_map_line_valid(const char *line);

/* Writes /proc/<child>/uid_map and gid_map, each in one write(2) as the kernel requires. 0 or -1 (errno). */
int write_id_maps(pid_t child, const struct id_map *uids, const struct id_map *gids);

/*
 * Moves the child into the container's cgroups, as host root: on cgroup v2 a process may move
 * another only with write access to the cgroup.procs of the cgroup both have in common (the root,
 * often), which the namespace's root lacks. 0, or -1 after saying why on stderr.
 */
int move_into_cgroups(pid_t child, const struct cgroup_files *files);

/*
 * Mounts the container's root filesystem in the child's mount namespace, as host root, from a
 * helper process: every lowerdir of the overlay options becomes an idmapped mount (the child's user
 * namespace's mapping), so that the image's files keep their owners inside. Returns 0, or -1 after
 * saying why on stderr.
 */
int mount_idmapped_rootfs(pid_t child, const char *overlay_options, const char *target);

#endif
