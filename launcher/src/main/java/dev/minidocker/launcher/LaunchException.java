package dev.minidocker.launcher;

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
}
