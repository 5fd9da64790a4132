package dev.minidocker.cli;

import dev.minidocker.launcher.logs.LogTime;
import dev.minidocker.store.container.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The words of {@code ps}' STATUS and COMMAND columns, as Docker's CLI writes them. */
final class ContainerWords {
    private static final int COMMAND_WIDTH = 20;

    private ContainerWords() {
    }

    /** "Created", "Up 5 seconds", "Up 5 seconds (Paused)", "Exited (0) 3 minutes ago". */
    static String status(ContainerState state, boolean paused, Instant now) {
        return switch (state.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + HumanDuration.format(since(state.startedAt(), now)) + (paused ? " (Paused)" : "");
            case EXITED -> "Exited (" + state.exitCode() + ") "
                    + HumanDuration.format(since(state.finishedAt(), now)) + " ago";
        };
    }

    private static Duration since(String time, Instant now) {
        return time == null ? Duration.ZERO : Duration.between(LogTime.instant(time), now);
    }

    /**
     * ENTRYPOINT and CMD joined by spaces, cut to 20 characters with "…" unless {@code noTrunc}, then
     * quoted as Go's strconv.Quote does: {@code "sh -c 'trap \"exit…"}.
     */
    static String command(List<String> entrypointAndCmd, boolean noTrunc) {
        String command = String.join(" ", entrypointAndCmd);
        if (!noTrunc && command.codePointCount(0, command.length()) > COMMAND_WIDTH) {
            command = command.substring(0, command.offsetByCodePoints(0, COMMAND_WIDTH - 1)) + "…";
        }
        return quote(command);
    }

    /** Go's strconv.Quote for the text a command holds: backslash escapes for quotes and control characters. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
