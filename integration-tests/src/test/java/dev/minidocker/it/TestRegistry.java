package dev.minidocker.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Debian's distribution registry ({@code docker-registry serve}) on a free loopback port, storing
 * into a temporary directory that {@link #close()} removes with the stopped process.
 */
final class TestRegistry implements AutoCloseable {

    /** How clients reach the registry. */
    enum Mode { PLAIN, BASIC_AUTH, TLS }

    static final String USERNAME = "tester";
    static final String PASSWORD = "s3cret-Passw0rd";
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Mode mode;
    private final Path directory;
    private final TestCertificates certificates;
    private final Process process;
    private final int port;
    private final HttpClient http;

    private TestRegistry(Mode mode, Path directory, TestCertificates certificates, Process process, int port) {
        this.mode = mode;
        this.directory = directory;
        this.certificates = certificates;
        this.process = process;
        this.port = port;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (certificates != null) {
            builder.sslContext(certificates.trustingContext());
        }
        this.http = builder.build();
    }

    /** Starts a registry and returns once {@code /v2/} answers. */
    static TestRegistry start(Mode mode) {
        Path directory = TempDirs.create("registry");
        try {
            TestCertificates certificates = mode == Mode.TLS ? TestCertificates.create(directory) : null;
            if (mode == Mode.BASIC_AUTH) {
                String line = HostCommand.check("htpasswd", "-Bbn", USERNAME, PASSWORD).stdout().strip();
                write(directory.resolve("htpasswd"), line + "\n");
            }
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                // The free port may be taken between closing the probe socket and the registry binding.
                TestRegistry registry = launch(mode, directory, certificates, freePort());
                try {
                    registry.awaitReady();
                    return registry;
                } catch (IllegalStateException e) {
                    registry.stop();
                    failure = e;
                }
            }
            throw failure;
        } catch (RuntimeException e) {
            TempDirs.delete(directory);
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    String address() {
        return "127.0.0.1:" + port;
    }

    Mode mode() {
        return mode;
    }

    /** The authority that signed the server certificate; only in {@link Mode#TLS}. */
    Path caCertificate() {
        return certificates.caCertificate();
    }

    /** GETs {@code path} (e.g. {@code /v2/busybox/tags/list}), with credentials in basic-auth mode. */
    HttpResponse<String> get(String path, String... headers) {
        String scheme = mode == Mode.TLS ? "https" : "http";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + address() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (mode == Mode.BASIC_AUTH) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " from " + address(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the registry (by its own PID) and removes its storage and certificates. */
    @Override
    public void close() {
        stop();
        http.close();
        TempDirs.delete(directory);
    }

    boolean isRunning() {
        return process.isAlive();
    }

    private static TestRegistry launch(Mode mode, Path directory, TestCertificates certificates, int port) {
        Path config = directory.resolve("config.yml");
        write(config, configuration(mode, directory, certificates, port));
        try {
            Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("registry.log").toFile())
                    .start();
            return new TestRegistry(mode, directory, certificates, process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("start docker-registry", e);
        }
    }

    private static String configuration(Mode mode, Path directory, TestCertificates certificates, int port) {
        StringBuilder yaml = new StringBuilder("""
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: minidocker-integration-tests
                """.formatted(directory.resolve("storage"), port));
        if (mode == Mode.TLS) {
            yaml.append("""
                      tls:
                        certificate: %s
                        key: %s
                    """.formatted(certificates.serverCertificate(), certificates.serverKey()));
        }
        if (mode == Mode.BASIC_AUTH) {
            yaml.append("""
                    auth:
                      htpasswd:
                        realm: minidocker-test
                        path: %s
                    """.formatted(directory.resolve("htpasswd")));
        }
        return yaml.toString();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited " + process.exitValue() + ": " + log());
            }
            try {
                get("/v2/");
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw new IllegalStateException("GET /v2/ from " + address() + ": " + e.getCause(), e);
                }
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("docker-registry did not answer on " + address() + " within "
                + STARTUP + ": " + log());
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("find a free port", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
