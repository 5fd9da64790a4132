package dev.minidocker.launcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A launcher step that failed; the message reads {@code <action> <subject>: <detail>}. The exit
 * status is Docker's 125, or a container's own (126, 127) when its entrypoint could not be run.
 */
public class LaunchException extends Exception {
    private static final int ENGINE = 125;
    private final int exitStatus;

    public LaunchException(String message) {
        this(message, ENGINE);
    }

    public LaunchException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = ENGINE;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /**
     * What went wrong in {@code e}, reason included: the JDK's file exceptions often carry none
     * ("A -> B" for a rename whose source is gone).
     */
    public static String detail(IOException e) {
        if (!(e instanceof FileSystemException f) || f.getReason() != null) {
            return e.getMessage();
        }
        String reason = e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof FileAlreadyExistsException ? "file exists"
                : e instanceof DirectoryNotEmptyException ? "directory not empty"
                : e instanceof NotDirectoryException ? "not a directory"
                : e instanceof AccessDeniedException ? "permission denied" : null;
        return reason == null ? e.getMessage() : e.getMessage() + ": " + reason;
    }
}
