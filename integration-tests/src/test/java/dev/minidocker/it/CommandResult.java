package dev.minidocker.it;

import java.util.List;

/** What a finished command left behind: its exit status and everything it printed. */
record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    boolean succeeded() {
        return exitCode == 0;
    }

    /** The lines of stdout, without the trailing empty one. */
    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** The last line of stdout, where commands put their result; empty when nothing was printed. */
    String lastStdoutLine() {
        List<String> lines = stdoutLines();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    /** Fails with the whole transcript unless the command exited 0. */
    CommandResult assertSuccess() {
        if (!succeeded()) {
            throw new AssertionError("expected exit 0\n" + this);
        }
        return this;
    }

    /** Fails with the whole transcript unless the command exited with {@code expected}. */
    CommandResult assertExit(int expected) {
        if (exitCode != expected) {
            throw new AssertionError("expected exit " + expected + "\n" + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "$ " + String.join(" ", command) + "\nexit " + exitCode
                + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "---";
    }
}
