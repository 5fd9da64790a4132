package dev.minidocker.launcher.tty;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The user's side of a {@link PtyRelay}: where keystrokes come from and where the container's output
 * goes, with the fds that may be the user's terminal (raw mode is set on {@code inputFd}, the window
 * size is read from {@code outputFd}, as Docker does). {@code input} is null when stdin is not
 * attached ({@code -t} without {@code -i}); an fd of {@link #NONE} is never treated as a terminal.
 */
public record HostStreams(InputStream input, int inputFd, OutputStream output, int outputFd) {
    public static final int NONE = -1;

    public HostStreams {
        if (output == null) {
            throw new IllegalArgumentException("a relay needs an output stream");
        }
        if (input == null) {
            inputFd = NONE;
        }
    }

    /** This process's fds 0 and 1, unbuffered; stdin only when {@code attachInput}. */
    public static HostStreams system(boolean attachInput) {
        return new HostStreams(attachInput ? new FileInputStream(FileDescriptor.in) : null, 0,
                new FileOutputStream(FileDescriptor.out), 1);
    }
}
