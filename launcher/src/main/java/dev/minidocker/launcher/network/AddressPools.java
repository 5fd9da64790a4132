package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where networks without {@code --subnet} get theirs, as Docker's default address pools give them:
 * each /16 of 172.17.0.0-172.31.0.0, then the /20s of 192.168.0.0/16, the first that overlaps no
 * host route and no other network. {@code default-address-pools} in the daemon settings replaces
 * the list, as in Docker's daemon.json.
 */
record AddressPools(List<Pool> pools) {
    /** A base network cut into subnets of {@code size} bits of prefix. */
    record Pool(Subnet base, int size) {
        Pool {
            if (size < base.prefix() || size > 30) {
                throw new IllegalArgumentException("pool " + base + " cannot be cut into /" + size + "s");
            }
        }
    }

    static AddressPools docker() {
        List<Pool> pools = new ArrayList<>();
        for (int second = 17; second <= 31; second++) {
            pools.add(new Pool(new Subnet(172 << 24 | second << 16, 16), 16));
        }
        pools.add(new Pool(new Subnet(192 << 24 | 168 << 16, 16), 20));
        return new AddressPools(List.copyOf(pools));
    }

    /** The first subnet of the pools that overlaps none of {@code taken}, in the pools' order. */
    Subnet choose(List<Subnet> taken) throws LaunchException {
        for (Pool pool : pools) {
            long step = 1L << (32 - pool.size());
            for (long at = Integer.toUnsignedLong(pool.base().address());
                    at <= Integer.toUnsignedLong(pool.base().last()); at += step) {
                Subnet candidate = new Subnet((int) at, pool.size());
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return candidate;
                }
            }
        }
        throw new LaunchException("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }
}
