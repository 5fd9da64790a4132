package dev.minidocker.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a detached container's monitor runs once the container has ended, as conmon runs Podman's
 * {@code --exit-command}: {@code minidocker --root STORE container cleanup ID}, which records the
 * exit, removes the cgroup, takes the container off its networks (its address, its port rules) and,
 * with {@code --rm}, removes it, with no minidocker command running. It is this process's own
 * command line (the same java, the same options and modules) up to its main module.
 */
final class ExitCommand {
    private ExitCommand() {
    }

    /** The clean-up of container {@code id} in {@code store}; empty when this process was not started as a command. */
    static List<String> of(Path store, String id) {
        ProcessHandle.Info self = ProcessHandle.current().info();
        return of(self.command().orElse(null), self.arguments().map(List::of).orElse(List.of()), store, id);
    }

    static List<String> of(String java, List<String> arguments, Path store, String id) {
        for (int i = 0; java != null && i + 1 < arguments.size(); i++) {
            if (arguments.get(i).equals("-m") || arguments.get(i).equals("--module")) {
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(arguments.subList(0, i + 2));
                command.addAll(List.of("--root", store.toAbsolutePath().toString(), "container", "cleanup", id));
                return command;
            }
        }
        return List.of();
    }
}
