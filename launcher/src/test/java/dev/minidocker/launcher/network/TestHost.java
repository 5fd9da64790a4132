package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.List;

/**
 * A host for tests: made up (routes and links the test lists, deletions recorded) or this machine's
 * ({@link #real}), and in both whether forwarding counts as filtered is the test's to say.
 */
final class TestHost implements HostNetwork {
    final List<Subnet> routes = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    /** The networks (by name) whose masquerading rule is there, made or removed through this host. */
    final List<String> masqueraded = new ArrayList<>();
    boolean filtering;
    private final HostNetwork real;

    private TestHost(HostNetwork real) {
        this.real = real;
    }

    static TestHost fake() {
        return new TestHost(null);
    }

    static TestHost real() {
        return new TestHost(HostNetwork.system());
    }

    @Override
    public List<Subnet> routes() throws LaunchException {
        return real == null ? routes : real.routes();
    }

    @Override
    public boolean filtersForwarding() {
        return filtering;
    }

    @Override
    public boolean hasLink(String name) {
        return real == null ? links.contains(name) : real.hasLink(name);
    }

    @Override
    public synchronized void masquerade(NetworkRecord network) throws LaunchException {
        if (!masqueraded.contains(network.name())) {
            masqueraded.add(network.name());
        }
        if (real != null) {
            real.masquerade(network);
        }
    }

    @Override
    public synchronized void unmasquerade(NetworkRecord network) throws LaunchException {
        masqueraded.remove(network.name());
        if (real != null) {
            real.unmasquerade(network);
        }
    }

    @Override
    public void deleteLink(String name) throws LaunchException {
        deleted.add(name);
        if (real != null) {
            real.deleteLink(name);
        }
    }
}
