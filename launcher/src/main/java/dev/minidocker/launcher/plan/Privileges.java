package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.CapabilityNames;
import dev.minidocker.linux.ProcFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --privileged}, {@code --cap-add} and {@code --cap-drop}: the capabilities a container's
 * process gets, as Docker's daemon works them out (moby oci/caps TweakCapabilities).
 *
 * @param privileged {@code --privileged}: every capability, every host device, no seccomp filter,
 *        no masked or read-only paths, /sys and the cgroup filesystem writable
 * @param capAdd     {@code --cap-add}, each as {@code CAP_NAME} or {@code ALL}
 * @param capDrop    {@code --cap-drop}, the same
 */
public record Privileges(boolean privileged, List<String> capAdd, List<String> capDrop) {
    public static final Privileges DEFAULT = new Privileges(false, List.of(), List.of());
    private static final String ALL = "ALL";
    private static final Path CAP_LAST_CAP = Path.of("/proc/sys/kernel/cap_last_cap");

    public Privileges {
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
    }

    /** The flags as given: names in any case, with or without {@code CAP_}; an unknown one is refused. */
    public static Privileges of(boolean privileged, List<String> capAdd, List<String> capDrop)
            throws LaunchException {
        return new Privileges(privileged, normalized(capAdd), normalized(capDrop));
    }

    /** The container's capabilities on this kernel (see {@link #capabilities(int)}). */
    public List<String> capabilities() throws LaunchException {
        if (!privileged && capAdd.isEmpty() && capDrop.isEmpty()) {
            return SecurityDefaults.CAPABILITIES;
        }
        try {
            return capabilities(Integer.parseInt(ProcFiles.read(CAP_LAST_CAP).strip()));
        } catch (IOException | NumberFormatException e) {
            throw new LaunchException("read " + CAP_LAST_CAP + ": " + e.getMessage(), e);
        }
    }

    /**
     * The container's capabilities: all the kernel has ({@code lastCap} is its highest number) when
     * privileged or when ALL is added (less the dropped ones); only the added ones when ALL is
     * dropped; otherwise Docker's 14, less the dropped, plus the added.
     */
    public List<String> capabilities(int lastCap) {
        List<String> all = new ArrayList<>();
        for (int cap = 0; cap <= lastCap; cap++) {
            String name = CapabilityNames.name(cap);
            if (name.startsWith("CAP_")) {
                all.add(name);
            }
        }
        if (privileged) {
            return all;
        }
        List<String> caps = new ArrayList<>();
        if (capAdd.contains(ALL)) {
            all.stream().filter(c -> !capDrop.contains(c)).forEach(caps::add);
        } else if (capDrop.contains(ALL)) {
            capAdd.stream().filter(all::contains).forEach(caps::add);
        } else {
            SecurityDefaults.CAPABILITIES.stream().filter(c -> !capDrop.contains(c)).forEach(caps::add);
            capAdd.stream().filter(c -> !caps.contains(c) && all.contains(c)).forEach(caps::add);
        }
        return caps;
    }

    private static List<String> normalized(List<String> names) throws LaunchException {
        List<String> out = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            String cap = upper.equals(ALL) || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (!cap.equals(ALL) && CapabilityNames.mask(List.of(cap), unknown -> { }) == 0) {
                throw new LaunchException("unknown capability: \"" + cap + "\"");
            }
            if (!out.contains(cap)) {
                out.add(cap);
            }
        }
        return out;
    }
}
