package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;

/**
 * An IPv4 network as {@code a.b.c.d/n}, its address masked to the prefix, as Docker prints subnets.
 * Addresses are the 32-bit ints the kernel uses, so arithmetic on them is plain.
 */
public record Subnet(int address, int prefix) {
    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
        address &= mask(prefix);
    }

    /** {@code 172.18.0.0/16}; Go's wording on anything else, as Docker passes it on. */
    public static Subnet parse(String cidr) throws LaunchException {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("\\d{1,2}")
                || Integer.parseInt(cidr.substring(slash + 1)) > 32) {
            throw new LaunchException("invalid CIDR address: " + cidr);
        }
        try {
            return new Subnet(address(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new LaunchException("invalid CIDR address: " + cidr);
        }
    }

    /** The int of a dotted IPv4 address; IllegalArgumentException for anything else. */
    public static int address(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int value = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    /** Whether {@code text} is a dotted IPv4 address. */
    public static boolean isAddress(String text) {
        try {
            address(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean contains(int ip) {
        return (ip & mask(prefix)) == address;
    }

    public boolean contains(String ip) {
        return isAddress(ip) && contains(address(ip));
    }

    /** Whether one of the two holds the other's first address: subnets either nest or are apart. */
    public boolean overlaps(Subnet other) {
        return contains(other.address) || other.contains(address);
    }

    /** The {@code n}th address of the subnet: 1 is the first host, Docker's and CNI's default gateway. */
    public String host(int n) {
        return format(address + n);
    }

    /** The address that ends the subnet, its broadcast address. */
    public int last() {
        return address | ~mask(prefix);
    }

    @Override
    public String toString() {
        return format(address) + "/" + prefix;
    }
}
