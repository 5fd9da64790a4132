package dev.minidocker.puller;

/** A pull that failed; the message reads {@code <action> <subject>: <detail>}. */
public class PullException extends Exception {
    public PullException(String message) {
        super(message);
    }

    public PullException(String message, Throwable cause) {
        super(message, cause);
    }
}
