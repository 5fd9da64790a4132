package dev.minidocker.linux;

import java.io.IOException;

/** A failed system call; the message names the call, its subject and the error, as runc does. */
public final class LinuxException extends IOException {
    private final int errno;

    public LinuxException(String call, String subject, int errno) {
        super(call + " `" + subject + "`: " + Errno.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** True when the call failed with this errno. */
    public boolean is(Errno e) {
        return e.number() == errno;
    }
}
