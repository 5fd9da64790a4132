package dev.minidocker.shim;

import dev.minidocker.linux.Syscalls;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Proxy;

/**
 * Syscalls that do nothing and return zero, false or null: an AOT training run walks the steps it
 * must not carry out (pivot_root, joining and mounting the cgroups, the seccomp filter, exec) through them, so that the
 * cache holds those steps' classes and lambdas too, which a real shim would otherwise spin at run
 * time on its way to exec. Never used outside training.
 */
final class Rehearsal {
    private Rehearsal() {
    }

    static Syscalls syscalls() {
        return (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
                (proxy, method, args) -> MethodHandles.zero(method.getReturnType()).invoke());
    }
}
