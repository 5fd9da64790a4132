package dev.minidocker.launcher.userns;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's user namespace: its uid and gid maps, checked as the kernel would check them
 * (no id mapped twice inside or on the host), and with the container's root mapped, since the shim
 * runs as that root.
 */
public record UserNamespace(List<IdMap> uids, List<IdMap> gids) {
    /** The monitor takes this many lines per map (the kernel 340). */
    public static final int MAX_LINES = 64;

    public UserNamespace {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
    }

    /** The maps, checked; a bad one is refused with a line naming it. */
    public static UserNamespace of(List<IdMap> uids, List<IdMap> gids) throws LaunchException {
        check(uids, "--uidmap", "uid");
        check(gids, "--gidmap", "gid");
        return new UserNamespace(uids, gids);
    }

    private static void check(List<IdMap> map, String flag, String kind) throws LaunchException {
        if (map.size() > MAX_LINES) {
            throw new LaunchException("too many " + flag + " mappings: " + map.size() + ", at most " + MAX_LINES);
        }
        for (int i = 0; i < map.size(); i++) {
            for (int j = i + 1; j < map.size(); j++) {
                IdMap a = map.get(i);
                IdMap b = map.get(j);
                if (a.overlapsInside(b) || a.overlapsOnHost(b)) {
                    throw new LaunchException("invalid " + flag + " mappings " + a + " and " + b + ": they overlap "
                            + (a.overlapsInside(b) ? "inside the container" : "on the host"));
                }
            }
        }
        if (toHost(map, 0) < 0) {
            throw new LaunchException("invalid " + flag + " mappings " + map.stream().map(IdMap::toString).toList()
                    + ": container " + kind + " 0 is not mapped (the container's root must be)");
        }
    }

    private static long toHost(List<IdMap> map, long id) {
        return map.stream().mapToLong(m -> m.toHost(id)).filter(h -> h >= 0).findFirst().orElse(-1);
    }

    /** The host uid of container uid {@code id}, or -1 when the namespace does not map it. */
    public long hostUid(long id) {
        return toHost(uids, id);
    }

    /** The host gid of container gid {@code id}, or -1 when the namespace does not map it. */
    public long hostGid(long id) {
        return toHost(gids, id);
    }

    /** The host uid of the container's root: the owner of what root makes inside. */
    public int rootUid() {
        return (int) toHost(uids, 0);
    }

    public int rootGid() {
        return (int) toHost(gids, 0);
    }

    /** {@code C:H:S} strings, as the container record keeps them. */
    public static List<String> text(List<IdMap> map) {
        return map.stream().map(IdMap::toString).toList();
    }

    /** Reads back what {@link #text} wrote. */
    public static List<IdMap> parse(List<String> text, String flag) throws LaunchException {
        List<IdMap> map = new ArrayList<>();
        for (String line : text) {
            map.add(IdMap.parse(line, flag));
        }
        return map;
    }
}
