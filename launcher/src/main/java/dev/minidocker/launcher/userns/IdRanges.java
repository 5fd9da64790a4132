package dev.minidocker.launcher.userns;

import dev.minidocker.launcher.LaunchException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where {@code --userns=private} puts a container's 65536 ids on the host. The pool is the ranges
 * that /etc/subuid and /etc/subgid give user {@code minidocker} (else {@code root}), as Podman takes
 * them for {@code --userns=auto}; without such ranges, blocks of 65536 from host id 100000, above
 * the ids that distributions give users. The first block that no other container of the store maps
 * is taken (the caller holds a lock meanwhile), so no two containers share an id.
 */
public final class IdRanges {
    public static final long SIZE = 65536;
    public static final long BASE = 100_000;
    private static final List<String> USERS = List.of("minidocker", "root");

    private IdRanges() {
    }

    /**
     * The namespace of a new private container.
     *
     * @param subuid the text of /etc/subuid ("" when absent)
     * @param subgid the text of /etc/subgid
     * @param taken the host ranges (uid and gid maps) of the store's other containers
     */
    public static UserNamespace pick(String subuid, String subgid, Collection<IdMap> taken) throws LaunchException {
        List<Long> uids = blocks(subuid);
        List<Long> gids = blocks(subgid);
        for (int i = 0; i < Math.min(uids.size(), gids.size()); i++) {
            IdMap uid = new IdMap(0, uids.get(i), SIZE);
            IdMap gid = new IdMap(0, gids.get(i), SIZE);
            if (taken.stream().noneMatch(t -> t.overlapsOnHost(uid) || t.overlapsOnHost(gid))) {
                return UserNamespace.of(List.of(uid), List.of(gid));
            }
        }
        throw new LaunchException("--userns=private: no free range of " + SIZE + " host ids left ("
                + Math.min(uids.size(), gids.size()) + " blocks, all in use by containers)");
    }

    /** The starts of the blocks of 65536 in the first user's subordinate ranges, or the default pool. */
    static List<Long> blocks(String subids) {
        for (String user : USERS) {
            List<Long> blocks = new ArrayList<>();
            for (String line : subids.split("\n")) {
                String[] f = line.strip().split(":");
                if (f.length == 3 && f[0].equals(user) && f[1].matches("\\d{1,10}") && f[2].matches("\\d{1,10}")) {
                    long start = Long.parseLong(f[1]);
                    long end = Math.min(start + Long.parseLong(f[2]), IdMap.ID_SPACE - 1);
                    for (long b = start; b + SIZE <= end; b += SIZE) {
                        blocks.add(b);
                    }
                }
            }
            if (!blocks.isEmpty()) {
                return blocks;
            }
        }
        List<Long> blocks = new ArrayList<>();
        for (long b = BASE; b + SIZE < IdMap.ID_SPACE - 1; b += SIZE) {
            blocks.add(b);
        }
        return blocks;
    }
}
