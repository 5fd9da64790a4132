package dev.minidocker.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The host's side of a container's network, as a user would try it: busybox's {@code wget} run on the
 * host (under {@code timeout}: its own {@code -T} crashes in busybox 1.35), the host's own address, a
 * free port. Nothing leaves the machine: the addresses are the host's and its containers'.
 */
final class HostSide {
    private HostSide() {
    }

    /** {@code wget -qO- http://HOST:PORT/PATH} from the host, within 5 s. */
    static CommandResult get(String host, int port, String path) {
        return HostCommand.of("timeout", "5", "busybox", "wget", "-qO-", "http://" + host + ":" + port + path).run();
    }

    /** The same, retried until the server answers (a detached container's server may still be starting). */
    static String awaitGet(String host, int port, String path) {
        CommandResult[] last = new CommandResult[1];
        Eventually.until(() -> (last[0] = get(host, port, path)).succeeded(), Duration.ofSeconds(30), () -> false,
                () -> "http://" + host + ":" + port + path + " did not answer: " + last[0]);
        return last[0].stdout();
    }

    /**
     * The host's address on the interface of its default route, which the kernel names for a route
     * lookup (nothing is sent): a published port answers there as on 127.0.0.1.
     */
    static String address() {
        String route = HostCommand.check("ip", "-4", "-o", "route", "get", "192.0.2.1").stdout();
        String[] words = route.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("src")) {
                return words[i + 1];
            }
        }
        throw new AssertionError("no source address in: " + route);
    }

    /** A TCP port nothing listens on now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
