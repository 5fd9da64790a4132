package dev.minidocker.cli;

/** A command that failed with a message for the user and Docker's exit status for it. */
final class CliException extends Exception {
    private final int exitCode;

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(String message) {
        this(message, ExitCodes.FAILURE);
    }

    int exitCode() {
        return exitCode;
    }
}
