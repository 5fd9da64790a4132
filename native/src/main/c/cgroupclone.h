/*
 * A child born in a cgroup2 directory rather than moved there. Moving a process by writing its
 * pid to cgroup.procs takes the kernel's cgroup_threadgroup_rwsem for writing, and the first such
 * write after a quiet spell waits for an RCU grace period (10-30 ms); clone3(2) with
 * CLONE_INTO_CGROUP (Linux 5.7) places the child as it is made, which takes that lock for reading
 * only, as every fork does. crun starts a container's process and its exec'd ones so, runc its
 * exec'd ones.
 */
#ifndef MINIDOCKER_CGROUPCLONE_H
#define MINIDOCKER_CGROUPCLONE_H

#include <sys/types.h>

/* Opens the cgroup2 directory `dir` for clone_into_cgroup; -1 with errno when it cannot. */
int open_cgroup_dir(const char *dir);

/*
 * As fork (a NULL stack, SIGCHLD at its end), with the namespaces of `flags` (CLONE_NEW*), the
 * child born in the cgroup of `cgroup_dir`: its pid in the parent, 0 in the child, -1 with errno.
 */
pid_t clone_into_cgroup(unsigned long long flags, int cgroup_dir);

#endif
