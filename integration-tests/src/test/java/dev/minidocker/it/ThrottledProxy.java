package dev.minidocker.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port in front of a registry: it forwards both ways, caps what the
 * registry sends to a fixed rate shared by every connection (so a pull of a few MB takes long
 * enough to be killed at a chosen point), and counts those bytes (so a test sees what a pull
 * downloaded). {@link #close()} stops listening and cuts every open connection.
 */
final class ThrottledProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final long bytesPerSecond;
    private final AtomicLong downloaded = new AtomicLong();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private long nextFreeNanos; // guarded by this: when the bytes paid for so far have all gone out

    private ThrottledProxy(ServerSocket server, String upstream, long bytesPerSecond) {
        this.server = server;
        this.upstreamHost = upstream.substring(0, upstream.lastIndexOf(':'));
        this.upstreamPort = Integer.parseInt(upstream.substring(upstream.lastIndexOf(':') + 1));
        this.bytesPerSecond = bytesPerSecond;
        this.acceptor = Thread.ofPlatform().daemon().name("proxy-accept").start(this::acceptAll);
    }

    /** Forwards to {@code upstream} ({@code host:port}), sending its answers at {@code bytesPerSecond}. */
    static ThrottledProxy start(String upstream, long bytesPerSecond) {
        try {
            return new ThrottledProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream,
                    bytesPerSecond);
        } catch (IOException e) {
            throw new UncheckedIOException("listen on a loopback port", e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference pulled through the proxy. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Bytes sent from the registry to clients since the last {@link #resetCount()}. */
    long downloaded() {
        return downloaded.get();
    }

    /**
     * Waits until no connection is open (a killed client's connections close as the kernel tears
     * them down), then starts counting from zero, so the count is that of the next client alone.
     */
    void resetCount() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connections still open through the proxy: " + open.size());
            }
            pause(Duration.ofMillis(5));
        }
        downloaded.set(0);
    }

    boolean isListening() {
        return !server.isClosed();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket does not fail in a way that leaves it open.
        }
        open.forEach(Connection::close);
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Connection connection = new Connection(client, new Socket(upstreamHost, upstreamPort));
                open.add(connection);
                connection.start();
            } catch (IOException e) {
                // The server closed (the proxy stops) or the registry refused: the client sees a closed socket.
            }
        }
    }

    /** Blocks until {@code bytes} more fit under the rate, shared by all connections. */
    private void pace(int bytes) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            nextFreeNanos = Math.max(nextFreeNanos, now) + bytes * 1_000_000_000L / bytesPerSecond;
            wait = nextFreeNanos - now;
        }
        Thread.sleep(Duration.ofNanos(wait));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One client and its registry connection; either side ending ends both. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final AtomicBoolean closed = new AtomicBoolean();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread.ofVirtual().start(() -> pump(client, upstream, false));
            Thread.ofVirtual().start(() -> pump(upstream, client, true));
        }

        private void pump(Socket from, Socket to, boolean throttled) {
            byte[] buffer = new byte[CHUNK];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (throttled) {
                        pace(n);
                    }
                    out.write(buffer, 0, n);
                    if (throttled) {
                        downloaded.addAndGet(n);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // The other side went away: nothing to forward any more.
            } finally {
                close();
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                closeQuietly(client);
                closeQuietly(upstream);
                open.remove(this);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed by the peer.
            }
        }
    }
}
