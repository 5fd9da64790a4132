package dev.minidocker.shim;

import dev.minidocker.linux.Errno;
import dev.minidocker.linux.LinuxException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failed setup step. The message names the step and its path, runc style
 * (``pivot_root `/x`: Invalid argument``); the exit status is Docker's: 125 for setup, 126 when the
 * entrypoint cannot be executed, 127 when it is not found.
 */
final class SetupException extends Exception {
    static final int SETUP_FAILED = 125;
    static final int NOT_EXECUTABLE = 126;
    static final int NOT_FOUND = 127;

    private final int exitStatus;

    SetupException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** A step that failed on {@code subject} for the reason {@code detail}. */
    SetupException(String step, Object subject, String detail) {
        this(step + " `" + subject + "`: " + detail, SETUP_FAILED);
    }

    /** A system call or file operation of a step. */
    interface Call<T> {
        T run() throws IOException;
    }

    /** An operation returning nothing. */
    interface Action {
        void run() throws IOException;
    }

    /** Runs {@code call}, turning its failure into the failure of {@code step} on {@code subject}. */
    static <T> T attempt(String step, Object subject, Call<T> call) throws SetupException {
        try {
            return call.run();
        } catch (IOException e) {
            throw of(step, subject, e);
        }
    }

    /** {@link #attempt(String, Object, Call)} for an operation that returns nothing. */
    static void attempt(String step, Object subject, Action action) throws SetupException {
        try {
            action.run();
        } catch (IOException e) {
            throw of(step, subject, e);
        }
    }

    /** A step that failed with an I/O or system call error, worded as glibc's strerror. */
    static SetupException of(String step, Object subject, IOException e) {
        return new SetupException(step, subject, describe(e));
    }

    static String describe(IOException e) {
        if (e instanceof LinuxException l) {
            return Errno.describe(l.errno());
        }
        Errno errno = switch (e) {
            case NoSuchFileException x -> Errno.ENOENT;
            case AccessDeniedException x -> Errno.EACCES;
            case FileAlreadyExistsException x -> Errno.EEXIST;
            case NotDirectoryException x -> Errno.ENOTDIR;
            case DirectoryNotEmptyException x -> Errno.ENOTEMPTY;
            default -> null;
        };
        if (errno != null) {
            return errno.description();
        }
        String reason = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }

    int exitStatus() {
        return exitStatus;
    }
}
