package dev.minidocker.launcher;

import java.util.List;

/**
 * What {@code exec} was asked for, with Docker's flag names.
 *
 * @param command the command and its arguments
 * @param env {@code -e} and {@code --env-file} entries, in order: {@code KEY=V}, or {@code KEY} for the
 *            host's value (the variable is unset when the host has none)
 * @param user {@code -u user[:group]}, or null for the container's user
 * @param workdir {@code -w}, or null for the container's working directory
 * @param interactive {@code -i}: this command's stdin reaches the command
 * @param tty {@code -t}: the command gets a pseudo-terminal
 * @param detach {@code -d}: return once the command runs
 */
public record ExecOptions(List<String> command, List<String> env, String user, String workdir, boolean interactive,
        boolean tty, boolean detach) {

    public ExecOptions {
        command = List.copyOf(command);
        env = env == null ? List.of() : List.copyOf(env);
    }
}
