/*
 * libminidocker-syscall.so: the one native function the JVMs call through FFM, for every system
 * call the JDK lacks.
 *
 * It only forwards to syscall(2), which is variadic: FFM links a variadic function through extra
 * method handles (the count of vector registers bound in, another species of bound handle for each
 * argument after it), and capturing errno adds a call-state segment and its checks. Linked here
 * instead, with a fixed signature and errno folded into the result, the shim's one downcall links
 * with neither, and that link lies on the way to every container's exec.
 *
 * Returns the system call's result, or -errno when it failed, as the kernel itself reports errors
 * (-4095..-1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>

long minidocker_syscall(long number, long a1, long a2, long a3, long a4, long a5) {
    long result = syscall(number, a1, a2, a3, a4, a5);
    return result == -1 ? -errno : result;
}
