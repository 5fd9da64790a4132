package dev.minidocker.shim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who the entrypoint runs as, resolved as Docker does (moby/sys/user GetExecUser) through the image's
 * /etc/passwd and /etc/group: {@code -u name}, {@code name:group}, {@code uid:group}, {@code uid}...
 */
final class Users {
    /** The result: ids, supplementary groups, and the home directory for a missing HOME. */
    record ExecUser(int uid, int gid, List<Integer> groups, String home) {
    }

    private record Entry(String name, int id, int gid, String home, List<String> members) {
    }

    private Users() {
    }

    /**
     * Resolves {@code text} (Docker's {@code -u}; null when the spec's numeric user stands as given)
     * against the passwd and group file contents (empty when the image has none). Supplementary
     * groups are those listing the user, unless a group was named, plus the spec's additionalGids.
     */
    static ExecUser resolve(String text, Spec.User spec, String passwd, String group) throws SetupException {
        List<Entry> users = parse(passwd, false);
        List<Entry> groups = parse(group, true);
        String userArg = text == null ? "" : text.split(":", 2)[0];
        String groupArg = text == null || !text.contains(":") ? "" : text.split(":", 2)[1];
        Entry user = users.stream().filter(u -> userArg.isEmpty() ? u.id() == spec.uid()
                : isNumber(userArg) ? u.id() == Integer.parseInt(userArg) : u.name().equals(userArg))
                .findFirst().orElse(null);
        if (user == null && !userArg.isEmpty() && !isNumber(userArg)) {
            throw new SetupException("resolve user", userArg, "no matching entries in passwd file");
        }
        int uid = user != null && text != null ? user.id() : userArg.isEmpty() ? spec.uid() : Integer.parseInt(userArg);
        int gid = user != null && text != null ? user.gid() : spec.gid();
        Set<Integer> supplementary = new LinkedHashSet<>();
        if (!groupArg.isEmpty()) {
            Entry g = groups.stream().filter(e -> isNumber(groupArg) ? e.id() == Integer.parseInt(groupArg)
                    : e.name().equals(groupArg)).findFirst().orElse(null);
            if (g == null && !isNumber(groupArg)) {
                throw new SetupException("resolve group", groupArg, "no matching entries in group file");
            }
            gid = g != null ? g.id() : Integer.parseInt(groupArg);
        } else if (user != null) {
            groups.stream().filter(g -> g.members().contains(user.name())).forEach(g -> supplementary.add(g.id()));
        }
        supplementary.addAll(spec.additionalGids());
        return new ExecUser(uid, gid, List.copyOf(supplementary), user != null ? user.home() : "/");
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
