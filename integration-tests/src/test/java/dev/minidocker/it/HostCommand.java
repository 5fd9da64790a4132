package dev.minidocker.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program run to completion: arguments, environment, standard input, a deadline. Both output
 * streams are drained on their own threads so a chatty program never blocks on a full pipe.
 */
final class HostCommand {
    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> removedEnvironment = new ArrayList<>();
    private byte[] input = new byte[0];
    private Duration timeout = Duration.ofSeconds(60);
    private Path directory;

    private HostCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    static HostCommand of(String... command) {
        return new HostCommand(List.of(command));
    }

    static HostCommand of(List<String> command) {
        return new HostCommand(command);
    }

    /** Runs {@code command} with the defaults and fails unless it exits 0. */
    static CommandResult check(String... command) {
        return of(command).run().assertSuccess();
    }

    HostCommand env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    HostCommand unsetEnv(String name) {
        removedEnvironment.add(name);
        return this;
    }

    HostCommand input(String text) {
        this.input = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    HostCommand timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    HostCommand directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Runs the program; a program still running at the deadline is killed and reported. */
    CommandResult run() {
        ProcessBuilder builder = new ProcessBuilder(command);
        removedEnvironment.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("start " + command, e);
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        } catch (IOException ignored) {
            // The program closed its input early; what it printed tells the rest.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
                        + "\n--- stdout ---\n" + stdout.join() + "--- stderr ---\n" + stderr.join());
            }
            return new CommandResult(command, process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }
}
