package dev.minidocker.linux;

import java.io.IOException;

/**
 * A failed system call, or a lookup in a Linux file; the message names the call, its subject and
 * the error, as runc does.
 */
public final class LinuxException extends IOException {
    private final int errno;

    public LinuxException(String call, String subject, int errno) {
        super(call + " `" + subject + "`: " + Errno.describe(errno));
        this.errno = errno;
    }

    /** A failure that is no system call's: errno 0 and {@code detail} as the error. */
    public LinuxException(String call, String subject, String detail) {
        super(call + " `" + subject + "`: " + detail);
        this.errno = 0;
    }

    /** The system call's error number; 0 when the failure was no system call's. */
    public int errno() {
        return errno;
    }

    /** True when the call failed with this errno. */
    public boolean is(Errno e) {
        return e.number() == errno;
    }
}
