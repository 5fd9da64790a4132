package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What networks need to know of the host and change on it, apart from the plugins' work. */
interface HostNetwork {
    /** The destinations of the host's routes, which a chosen subnet must stay clear of. */
    List<Subnet> routes() throws LaunchException;

    /** Whether a network interface of that name exists. */
    boolean hasLink(String name);

    /**
     * Deletes a network's bridge once the network is removed: the bridge plugin makes the bridge on
     * the first ADD and, as the bridge may be shared, never deletes it.
     */
    void deleteLink(String name) throws LaunchException;

    /**
     * Whether the filter table may drop the containers' forwarded traffic: a FORWARD policy other than
     * ACCEPT (Docker sets DROP), or a rule that drops or rejects in FORWARD or a chain it jumps to
     * (an empty chain that another engine jumps to, as netavark's, drops nothing). Only then is the
     * firewall plugin, whose ACCEPT rules go first, worth its ADD and DEL.
     */
    boolean filtersForwarding() throws LaunchException;

    /**
     * Makes sure outbound traffic from the network's subnet is masqueraded, by Docker's one rule per
     * network ({@code -s SUBNET ! -o BRIDGE -j MASQUERADE} in the nat table's POSTROUTING), made when
     * missing: a reboot or a flush takes it, and the next container on the network puts it back.
     */
    void masquerade(NetworkRecord network) throws LaunchException;

    /** Removes the network's masquerading rule, when it is removed; a rule already gone is no failure. */
    void unmasquerade(NetworkRecord network) throws LaunchException;

    /** The masquerading rule of {@code network}, as iptables takes it after {@code -A}, {@code -C} or {@code -D}. */
    static List<String> masqueradeRule(NetworkRecord network) {
        return List.of("POSTROUTING", "-s", network.subnet().toString(), "!", "-o", network.bridge(), "-m", "comment",
                "--comment", "minidocker network " + network.id().substring(0, 12), "-j", "MASQUERADE");
    }

    static HostNetwork system() {
        return new HostNetwork() {
            @Override
            public List<Subnet> routes() throws LaunchException {
                try {
                    return HostRoutes.read(HostRoutes.PROC_ROUTE);
                } catch (IOException e) {
                    throw new LaunchException("read the host's routes " + HostRoutes.PROC_ROUTE + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasLink(String name) {
                return Files.exists(Path.of("/sys/class/net", name));
            }

            @Override
            public boolean filtersForwarding() throws LaunchException {
                return filters(run("read the filter table", "iptables", "-w", "-S"));
            }

            @Override
            public void deleteLink(String name) throws LaunchException {
                if (!hasLink(name)) {
                    return;
                }
                try {
                    run("delete bridge " + name, "ip", "link", "delete", name);
                } catch (LaunchException e) {
                    if (hasLink(name)) {
                        throw e;
                    }
                }
            }

            @Override
            public void masquerade(NetworkRecord network) throws LaunchException {
                if (iptables("-C", network) != 0 && iptables("-A", network) != 0) {
                    throw new LaunchException("masquerade network " + network.name() + ": iptables -t nat -A "
                            + String.join(" ", masqueradeRule(network)) + " failed");
                }
            }

            @Override
            public void unmasquerade(NetworkRecord network) throws LaunchException {
                while (iptables("-D", network) == 0) {
                    // Two attaches at once after a reboot may each have added it.
                }
            }

            /** {@code iptables -w -t nat OP RULE} (the lock waited for, as the plugins do), its exit status. */
            private static int iptables(String op, NetworkRecord network) throws LaunchException {
                List<String> command = new java.util.ArrayList<>(List.of("iptables", "-w", "-t", "nat", op));
                command.addAll(masqueradeRule(network));
                try {
                    return new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                } catch (IOException e) {
                    throw new LaunchException("masquerade network " + network.name() + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException("masquerade network " + network.name() + ": interrupted", e);
                }
            }

            /** What the command printed; its own words as the failure when it fails. */
            private static String run(String action, String... command) throws LaunchException {
                try {
                    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                    String said = new String(p.getInputStream().readAllBytes()).strip();
                    if (p.waitFor() != 0) {
                        throw new LaunchException(action + ": " + said);
                    }
                    return said;
                } catch (IOException e) {
                    throw new LaunchException(action + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException(action + ": interrupted", e);
                }
            }
        };
    }

    /**
     * {@code iptables -S}'s filter table: a FORWARD policy but ACCEPT, or a rule reachable from FORWARD
     * (through {@code -j} and {@code -g} to the table's own chains) whose target may throw a packet
     * away.
     */
    static boolean filters(String filterTable) {
        Map<String, List<String>> targets = new HashMap<>();
        boolean acceptByDefault = false;
        for (String line : filterTable.lines().map(String::strip).toList()) {
            List<String> words = List.of(line.split("\\s+"));
            if (words.size() >= 3 && words.get(0).equals("-P") && words.get(1).equals("FORWARD")) {
                acceptByDefault = words.get(2).equals("ACCEPT");
            } else if (words.size() >= 2 && words.get(0).equals("-A")) {
                int jump = Math.max(words.lastIndexOf("-j"), words.lastIndexOf("-g"));
                targets.computeIfAbsent(words.get(1), c -> new ArrayList<>())
                        .add(jump < 0 || jump + 1 >= words.size() ? "" : words.get(jump + 1));
            }
        }
        if (!acceptByDefault) {
            return true;
        }
        Set<String> discarding = Set.of("DROP", "REJECT", "NFQUEUE", "QUEUE", "TARPIT");
        Set<String> seen = new HashSet<>();
        Deque<String> chains = new ArrayDeque<>(List.of("FORWARD"));
        while (!chains.isEmpty()) {
            for (String target : targets.getOrDefault(chains.pop(), List.of())) {
                if (discarding.contains(target)) {
                    return true;
                }
                if (targets.containsKey(target) && seen.add(target)) {
                    chains.push(target);
                }
            }
        }
        return false;
    }
}
