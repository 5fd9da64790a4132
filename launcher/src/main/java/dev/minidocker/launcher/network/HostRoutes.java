package dev.minidocker.launcher.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The destinations of the host's IPv4 routes, read from {@code /proc/net/route} (the main table,
 * as Docker's check reads it through netlink): a subnet chosen for a network must overlap none of
 * them, or the bridge would take traffic that belongs to the host's own networks. The default route
 * is no destination of its own and is left out, as Docker leaves it.
 */
final class HostRoutes {
    static final Path PROC_ROUTE = Path.of("/proc/net/route");

    private HostRoutes() {
    }

    static List<Subnet> read(Path procRoute) throws IOException {
        return parse(Files.readString(procRoute));
    }

    /**
     * The table as the kernel prints it: a header, then one route a line whose Destination and Mask
     * are the address's bytes in the host's order, as hex (little-endian here: 192.0.2.0 is 000200C0).
     */
    static List<Subnet> parse(String table) {
        List<Subnet> routes = new ArrayList<>();
        for (String line : table.lines().skip(1).toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8) {
                continue;
            }
            int destination = Integer.reverseBytes(Integer.parseUnsignedInt(fields[1], 16));
            int mask = Integer.reverseBytes(Integer.parseUnsignedInt(fields[7], 16));
            if (mask != 0) {
                routes.add(new Subnet(destination, Integer.bitCount(mask)));
            }
        }
        return routes;
    }
}
