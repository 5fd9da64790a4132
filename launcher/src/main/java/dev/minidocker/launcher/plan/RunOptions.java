package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LogLimits;
import dev.minidocker.launcher.cgroup.Resources;
import dev.minidocker.launcher.seccomp.SeccompOption;
import dev.minidocker.launcher.userns.UsernsMode;
import dev.minidocker.spec.Resources.DeviceRule;
import dev.minidocker.store.container.ContainerRecord;
import java.util.List;

/**
 * What {@code run} and {@code create} were asked for, with Docker's flag names in the comments.
 *
 * @param name {@code --name}, or null (also for {@code --name ''}) for a drawn one, as Docker does
 * @param resources {@code -m}, {@code --cpus}... checked when parsed (see {@link Resources#of})
 * @param entrypoint {@code --entrypoint}: null keeps the image's; empty clears it
 * @param command the arguments after the image: they replace the image's CMD
 * @param env {@code -e} and {@code --env-file} entries, in order ({@code KEY=V}, or {@code KEY} to copy the host's)
 * @param user {@code -u user[:group]}, or null for the image's
 * @param binds {@code -v}: {@code /host:/ctr[:ro]}, {@code NAME:/ctr}, {@code /ctr} (see {@link Volumes#volume})
 * @param tmpfs {@code --tmpfs /path[:options]}
 * @param network {@code --network}, {@code -p} and the other networking flags (see {@link NetworkOptions})
 * @param noNewPrivileges {@code --security-opt no-new-privileges}
 * @param explain narrate each step on stderr as it happens
 * @param logConfig {@code --log-driver} and {@code --log-opt}s (see {@link LogLimits#config}); null for the defaults
 * @param userns {@code --userns}, {@code --uidmap}, {@code --gidmap}; null for the host's user namespace
 * @param devices {@code --device}
 * @param deviceCgroupRules {@code --device-cgroup-rule}
 * @param seccomp {@code --security-opt seccomp=...}; null for Docker's default profile
 * @param mounts {@code --mount type=bind|volume|tmpfs,...} (see {@link Volumes#mount})
 * @param volumesFrom {@code --volumes-from CONTAINER[:ro|rw]}
 * @param privileges {@code --privileged}, {@code --cap-add}, {@code --cap-drop}; null for none
 */
public record RunOptions(String name, List<String> entrypoint, List<String> command, List<String> env,
        String workdir, String user, String hostname, boolean tty, boolean interactive, boolean autoRemove,
        List<String> binds, List<String> tmpfs, boolean readOnly, NetworkOptions network, Resources resources,
        boolean noNewPrivileges, boolean explain, ContainerRecord.LogConfig logConfig, UsernsMode userns,
        List<DeviceMapping> devices, List<DeviceRule> deviceCgroupRules, SeccompOption seccomp, List<String> mounts,
        List<String> volumesFrom, Privileges privileges) {

    public RunOptions {
        name = name == null || name.isEmpty() ? null : name;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? List.of() : List.copyOf(env);
        binds = binds == null ? List.of() : List.copyOf(binds);
        tmpfs = tmpfs == null ? List.of() : List.copyOf(tmpfs);
        network = network == null ? NetworkOptions.bridge() : network;
        resources = resources == null ? Resources.none() : resources;
        logConfig = logConfig == null ? LogLimits.defaults() : logConfig;
        userns = userns == null ? UsernsMode.host() : userns;
        devices = devices == null ? List.of() : List.copyOf(devices);
        deviceCgroupRules = deviceCgroupRules == null ? List.of() : List.copyOf(deviceCgroupRules);
        seccomp = seccomp == null ? SeccompOption.DEFAULT : seccomp;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
        privileges = privileges == null ? Privileges.DEFAULT : privileges;
    }

    /** The seccomp filter the container gets: none when privileged, as Docker's daemon decides. */
    public SeccompOption effectiveSeccomp() {
        return privileges.privileged() ? SeccompOption.UNCONFINED : seccomp;
    }
}
