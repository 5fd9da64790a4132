/* See cgroupclone.h. */
#define _GNU_SOURCE
#include "cgroupclone.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int open_cgroup_dir(const char *dir) {
    return open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

pid_t clone_into_cgroup(unsigned long long flags, int cgroup_dir) {
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = flags | CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = (unsigned long long) cgroup_dir;
    return (pid_t) syscall(SYS_clone3, &args, sizeof args);
}
