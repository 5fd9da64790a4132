package dev.minidocker.linux;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who a container's process runs as, resolved as Docker does (moby/sys/user GetExecUser) through the
 * image's /etc/passwd and /etc/group: {@code -u name}, {@code name:group}, {@code uid:group}, {@code uid}...
 * The shim resolves its entrypoint's user so, and the launcher an {@code exec}'s.
 */
public final class Users {
    /** The result: ids, supplementary groups, and the home directory for a missing HOME. */
    public record ExecUser(int uid, int gid, List<Integer> groups, String home) {
        public ExecUser {
            groups = List.copyOf(groups);
        }
    }

    private record Entry(String name, int id, int gid, String home, List<String> members) {
    }

    private Users() {
    }

    /**
     * Resolves {@code text} (Docker's {@code -u}; null when the spec's numeric {@code uid} and
     * {@code gid} stand as given) against the passwd and group file contents (empty when the image
     * has none). Supplementary groups are those listing the user, unless a group was named, plus
     * the spec's {@code additionalGids}.
     */
    public static ExecUser resolve(String text, int uid, int gid, List<Integer> additionalGids, String passwd,
            String group) throws LinuxException {
        List<Entry> users = parse(passwd, false);
        List<Entry> groups = parse(group, true);
        String userArg = text == null ? "" : text.split(":", 2)[0];
        String groupArg = text == null || !text.contains(":") ? "" : text.split(":", 2)[1];
        Entry user = users.stream().filter(u -> userArg.isEmpty() ? u.id() == uid
                : isNumber(userArg) ? u.id() == Integer.parseInt(userArg) : u.name().equals(userArg))
                .findFirst().orElse(null);
        if (user == null && !userArg.isEmpty() && !isNumber(userArg)) {
            throw new LinuxException("resolve user", userArg, "no matching entries in passwd file");
        }
        int execUid = user != null && text != null ? user.id() : userArg.isEmpty() ? uid : Integer.parseInt(userArg);
        int execGid = user != null && text != null ? user.gid() : gid;
        Set<Integer> supplementary = new LinkedHashSet<>();
        if (!groupArg.isEmpty()) {
            Entry g = groups.stream().filter(e -> isNumber(groupArg) ? e.id() == Integer.parseInt(groupArg)
                    : e.name().equals(groupArg)).findFirst().orElse(null);
            if (g == null && !isNumber(groupArg)) {
                throw new LinuxException("resolve group", groupArg, "no matching entries in group file");
            }
            execGid = g != null ? g.id() : Integer.parseInt(groupArg);
        } else if (user != null) {
            groups.stream().filter(g -> g.members().contains(user.name())).forEach(g -> supplementary.add(g.id()));
        }
        supplementary.addAll(additionalGids);
        return new ExecUser(execUid, execGid, List.copyOf(supplementary), user != null ? user.home() : "/");
    }

    /** passwd lines {@code name:x:uid:gid:gecos:home:shell}; group lines {@code name:x:gid:member,...}. */
    private static List<Entry> parse(String text, boolean group) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(":", -1);
            if (line.isBlank() || line.startsWith("#") || f.length < (group ? 4 : 7) || !isNumber(f[2])
                    || (!group && !isNumber(f[3]))) {
                continue;
            }
            entries.add(group
                    ? new Entry(f[0], Integer.parseInt(f[2]), 0, null,
                            f[3].isEmpty() ? List.of() : List.of(f[3].split(",")))
                    : new Entry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5], List.of()));
        }
        return entries;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }
}
