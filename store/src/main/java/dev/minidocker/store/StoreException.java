package dev.minidocker.store;

/** A store operation that failed; the message reads {@code <action> <subject>: <detail>}. */
public class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
