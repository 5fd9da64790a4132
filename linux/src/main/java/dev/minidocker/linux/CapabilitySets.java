package dev.minidocker.linux;

/** A thread's effective, permitted and inheritable capability sets, one bit per CAP_* number. */
public record CapabilitySets(long effective, long permitted, long inheritable) {
    public static final CapabilitySets NONE = new CapabilitySets(0, 0, 0);
}
