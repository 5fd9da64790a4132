package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.ProcFiles;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each requested binding its host port: the one asked for, or the first free one of its range
 * or of the kernel's ephemeral ports (Docker's allocator takes them in order too). A port is free when
 * no other container's mapping takes it and a host process could bind it now: a DNAT rule on a port
 * some server listens on would steal that server's connections, so such a port fails as Docker's
 * does, with {@code Bind for 0.0.0.0:8080 failed: port is already allocated}.
 */
final class PortAllocator {
    /** Whether the host has no socket on a port: the real one binds it for a moment. */
    interface Probe {
        boolean free(String hostIp, int port, String protocol) throws LaunchException;
    }

    private final Probe probe;
    private final int ephemeralLow;
    private final int ephemeralHigh;

    PortAllocator(Probe probe, int ephemeralLow, int ephemeralHigh) {
        this.probe = probe;
        this.ephemeralLow = ephemeralLow;
        this.ephemeralHigh = ephemeralHigh;
    }

    /** The host's: binds to try, and {@code ip_local_port_range} for the ports the engine picks. */
    static PortAllocator host() {
        try {
            String[] range = ProcFiles.read(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip().split("\\s+");
            return new PortAllocator(PortAllocator::bindable, Integer.parseInt(range[0]), Integer.parseInt(range[1]));
        } catch (IOException | RuntimeException unreadable) {
            // The kernel's default range.
            return new PortAllocator(PortAllocator::bindable, 32768, 60999);
        }
    }

    /** Host ports for {@code requested}, none of them among {@code taken} nor among each other. */
    List<PublishedPort> allocate(List<PortBinding> requested, List<PublishedPort> taken) throws LaunchException {
        List<PublishedPort> given = new ArrayList<>(taken);
        List<PublishedPort> allocated = new ArrayList<>();
        for (PortBinding b : requested) {
            PublishedPort port = b.dynamic() ? pick(b, given) : fixed(b, given);
            given.add(port);
            allocated.add(port);
        }
        return allocated;
    }

    private PublishedPort fixed(PortBinding b, List<PublishedPort> given) throws LaunchException {
        if (!available(b, b.hostPortLow(), given)) {
            throw allocated(b, b.hostPortLow());
        }
        return new PublishedPort(b.hostIp(), b.hostPortLow(), b.containerPort(), b.protocol());
    }

    private PublishedPort pick(PortBinding b, List<PublishedPort> given) throws LaunchException {
        int low = b.hostPortLow() == 0 ? ephemeralLow : b.hostPortLow();
        int high = b.hostPortLow() == 0 ? ephemeralHigh : b.hostPortHigh();
        for (int port = low; port <= high; port++) {
            if (available(b, port, given)) {
                return new PublishedPort(b.hostIp(), port, b.containerPort(), b.protocol());
            }
        }
        throw allocated(b, high);
    }

    private boolean available(PortBinding b, int port, List<PublishedPort> given) throws LaunchException {
        return given.stream().noneMatch(p -> p.clashes(b.hostIp(), port, b.protocol()))
                && probe.free(b.hostIp(), port, b.protocol());
    }

    private static LaunchException allocated(PortBinding b, int port) {
        String ip = PublishedPort.everyAddress(b.hostIp()) ? "0.0.0.0" : b.hostIp();
        return new LaunchException("Bind for " + ip + ":" + port + " failed: port is already allocated");
    }

    /**
     * Whether a socket of {@code protocol} could bind the port now. TCP's SO_REUSEADDR (the JDK's
     * default for servers) lets a port with only closed connections in TIME_WAIT pass, as docker-proxy's
     * bind would; a listener or a bound UDP socket fails it. SCTP is not probed. An address that is
     * not the host's fails as docker-proxy's listen does.
     */
    static boolean bindable(String hostIp, int port, String protocol) throws LaunchException {
        String ip = PublishedPort.everyAddress(hostIp) ? "0.0.0.0" : hostIp;
        InetSocketAddress address = new InetSocketAddress(ip, port);
        try {
            switch (protocol) {
                case "tcp" -> {
                    try (ServerSocket socket = new ServerSocket()) {
                        socket.bind(address);
                    }
                }
                case "udp" -> {
                    try (DatagramSocket socket = new DatagramSocket(null)) {
                        socket.bind(address);
                    }
                }
                default -> {
                    // Nothing to try it with.
                }
            }
            return true;
        } catch (java.net.BindException e) {
            if (String.valueOf(e.getMessage()).contains("assign requested address")) {
                throw new LaunchException("listen " + protocol + "4 " + ip + ":" + port
                        + ": bind: cannot assign requested address");
            }
            return false;
        } catch (IOException taken) {
            return false;
        }
    }
}
