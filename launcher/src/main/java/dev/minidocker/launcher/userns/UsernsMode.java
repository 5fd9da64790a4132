package dev.minidocker.launcher.userns;

import dev.minidocker.launcher.LaunchException;
import java.util.List;

/**
 * What {@code --userns}, {@code --uidmap} and {@code --gidmap} ask for, Podman's way: the host's user
 * namespace ({@code host}, the default), or one of the container's own ({@code private}), with the
 * maps given or, without them, 65536 ids that {@link IdRanges} picks.
 */
public record UsernsMode(boolean isPrivate, List<IdMap> uidMap, List<IdMap> gidMap) {
    public UsernsMode {
        uidMap = List.copyOf(uidMap);
        gidMap = List.copyOf(gidMap);
    }

    public static UsernsMode host() {
        return new UsernsMode(false, List.of(), List.of());
    }

    /**
     * From the flags: {@code userns} may be null or empty (not given); a {@code --uidmap} implies
     * a private namespace, and the gid map is the uid map unless {@code --gidmap} is given.
     */
    public static UsernsMode of(String userns, List<String> uidmaps, List<String> gidmaps) throws LaunchException {
        String mode = userns == null ? "" : userns;
        if (!List.of("", "host", "private").contains(mode)) {
            throw new LaunchException("--userns=" + mode + " is not supported: use host or private");
        }
        if (uidmaps.isEmpty() && !gidmaps.isEmpty()) {
            throw new LaunchException("--gidmap needs --uidmap");
        }
        if (mode.equals("host") && !uidmaps.isEmpty()) {
            throw new LaunchException("--userns=host cannot be combined with --uidmap or --gidmap");
        }
        if (uidmaps.isEmpty()) {
            return mode.equals("private") ? new UsernsMode(true, List.of(), List.of()) : host();
        }
        List<IdMap> uids = UserNamespace.parse(uidmaps, "--uidmap");
        List<IdMap> gids = gidmaps.isEmpty() ? uids : UserNamespace.parse(gidmaps, "--gidmap");
        UserNamespace.of(uids, gids);
        return new UsernsMode(true, uids, gids);
    }

    /** Docker's HostConfig.UsernsMode: "" for the host's, as Docker leaves it, or "private". */
    public String name() {
        return isPrivate ? "private" : "";
    }
}
