package dev.minidocker.cli;

/** Exit statuses as Docker's CLI gives them. */
final class ExitCodes {
    static final int OK = 0;
    /** A command that ran and failed: a pull, an unknown image. */
    static final int FAILURE = 1;
    /** The engine could not do what was asked: bad flags, internal errors. */
    static final int ENGINE = 125;

    private ExitCodes() {
    }
}
