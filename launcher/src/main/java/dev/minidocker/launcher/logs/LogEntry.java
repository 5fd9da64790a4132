package dev.minidocker.launcher.logs;

import java.time.Instant;

/**
 * One entry of a json-file log: what the container wrote on one stream, as the monitor read it (a
 * line with its {@code \n}, or a piece of one that does not end in {@code \n}), and when.
 */
public record LogEntry(String log, boolean stderr, Instant time) {
}
