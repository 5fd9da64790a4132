package dev.minidocker.launcher;

/** A launcher step that failed; the message reads {@code <action> <subject>: <detail>}. */
public class LaunchException extends Exception {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
