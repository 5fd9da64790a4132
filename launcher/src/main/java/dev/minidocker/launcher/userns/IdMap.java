package dev.minidocker.launcher.userns;

import dev.minidocker.launcher.LaunchException;

/**
 * One line of a user namespace's uid or gid map: {@code size} ids from {@code containerId} inside
 * are host ids from {@code hostId}. Written {@code CONTAINER:HOST:SIZE} on the command line (Podman's
 * {@code --uidmap}), {@code CONTAINER HOST SIZE} in /proc/PID/uid_map.
 */
public record IdMap(long containerId, long hostId, long size) {
    /** Ids are 32-bit; (uid_t) -1 is no id. */
    static final long ID_SPACE = 1L << 32;

    public IdMap {
        if (containerId < 0 || hostId < 0 || size < 1 || containerId + size > ID_SPACE - 1
                || hostId + size > ID_SPACE - 1) {
            throw new IllegalArgumentException("ids out of range: " + containerId + ":" + hostId + ":" + size);
        }
    }

    /** Parses {@code CONTAINER:HOST:SIZE}; {@code flag} names the option in the error. */
    public static IdMap parse(String text, String flag) throws LaunchException {
        String[] fields = text.split(":", -1);
        if (fields.length != 3) {
            throw invalid(text, flag, "want CONTAINER:HOST:SIZE");
        }
        long[] n = new long[3];
        for (int i = 0; i < 3; i++) {
            if (!fields[i].matches("\\d{1,10}")) {
                throw invalid(text, flag, "want CONTAINER:HOST:SIZE, three unsigned numbers");
            }
            n[i] = Long.parseLong(fields[i]);
        }
        try {
            return new IdMap(n[0], n[1], n[2]);
        } catch (IllegalArgumentException e) {
            throw invalid(text, flag, "the size must be at least 1 and every id below 4294967295");
        }
    }

    static LaunchException invalid(String text, String flag, String why) {
        return new LaunchException("invalid argument \"" + text + "\" for \"" + flag + "\" flag: " + why);
    }

    /** The host id of {@code id} inside, or -1 when this line does not map it. */
    long toHost(long id) {
        return id >= containerId && id < containerId + size ? hostId + (id - containerId) : -1;
    }

    boolean overlapsInside(IdMap other) {
        return containerId < other.containerId + other.size && other.containerId < containerId + size;
    }

    boolean overlapsOnHost(IdMap other) {
        return hostId < other.hostId + other.size && other.hostId < hostId + size;
    }

    /** The line of /proc/PID/uid_map, as the monitor's {@code --uidmap} takes it. */
    public String procLine() {
        return containerId + " " + hostId + " " + size;
    }

    /** {@code CONTAINER:HOST:SIZE}. */
    @Override
    public String toString() {
        return containerId + ":" + hostId + ":" + size;
    }
}
