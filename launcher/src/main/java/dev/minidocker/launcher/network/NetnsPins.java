package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Containers' network namespaces held open by a bind mount of {@code /proc/PID/ns/net} on a file, as
 * Docker ({@code /var/run/docker/netns}), containerd and Podman ({@code /run/netns}) hold theirs. A
 * namespace dies with its last process, and the bridge plugin's DEL needs it: without it DEL frees
 * the address but leaves the masquerading rules, since it learns which ones were the container's from
 * the interface inside. Pinned, the namespace outlives process 1, so a DEL after the container ended
 * removes everything, and the pin goes last. The directory is under /run, which a reboot empties:
 * after one there is nothing to pin, and no rule either.
 */
final class NetnsPins {
    static final Path DIR = Path.of("/run/minidocker/netns");
    private final Path dir;
    private final Syscalls sys;

    NetnsPins(Path dir, Syscalls sys) {
        this.dir = dir;
        this.sys = sys;
    }

    /** Pins {@code netns} (a namespace file, {@code /proc/PID/ns/net}) for the container, once; returns the pin. */
    Path pin(String containerId, Path netns) throws LaunchException {
        Path pin = dir.resolve(containerId);
        try {
            if (pinned(pin)) {
                return pin;
            }
            Files.createDirectories(dir);
            if (!Files.exists(pin)) {
                Files.createFile(pin);
            }
            sys.mount(netns.toString(), pin, null, Syscalls.MS_BIND, null);
            return pin;
        } catch (IOException e) {
            deleteQuietly(pin);
            throw new LaunchException("pin network namespace " + netns + " on " + pin + ": " + e.getMessage(), e);
        }
    }

    /** The container's pin while it holds a namespace, else null (never pinned, unpinned, or a reboot since). */
    Path pinned(String containerId) {
        Path pin = dir.resolve(containerId);
        return pinned(pin) ? pin : null;
    }

    /** Lets the namespace go; nothing pinned is nothing to do. */
    void unpin(String containerId) throws LaunchException {
        Path pin = dir.resolve(containerId);
        try {
            if (pinned(pin)) {
                sys.unmount(pin, Syscalls.MNT_DETACH);
            }
            Files.deleteIfExists(pin);
        } catch (IOException e) {
            throw new LaunchException("unpin network namespace " + pin + ": " + e.getMessage(), e);
        }
    }

    /** A pin is a file with a namespace mounted on it: a device (nsfs's) other than its directory's. */
    private static boolean pinned(Path pin) {
        try {
            return Files.exists(pin) && !Files.getAttribute(pin, "unix:dev").equals(Files.getAttribute(pin.getParent(), "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path pin) {
        try {
            Files.deleteIfExists(pin);
        } catch (IOException ignored) {
            // A pin file that cannot go is an empty file, pinning nothing.
        }
    }
}
