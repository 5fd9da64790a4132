package dev.minidocker.launcher.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * An overlayfs mount as data: what {@link #mountOptions()} hands to mount(2), so that it can be
 * printed and tested before anything is mounted.
 *
 * @param lowerDirs the image's layers, topmost first (overlayfs' order)
 * @param upperDir the writable layer, or null for a read-only view
 * @param workDir overlayfs' scratch directory beside the upper dir, or null with it
 * @param target where the merged tree appears
 */
public record OverlayPlan(List<Path> lowerDirs, Path upperDir, Path workDir, Path target) {
    /** The kernel takes the options as one page; longer lists need shorter layer paths. */
    private static final int MAX_OPTIONS = 4095;

    public OverlayPlan {
        lowerDirs = List.copyOf(lowerDirs);
        if (lowerDirs.isEmpty()) {
            throw new IllegalArgumentException("an overlay needs at least one lower directory");
        }
        if ((upperDir == null) != (workDir == null)) {
            throw new IllegalArgumentException("an overlay's upper and work directories come together");
        }
        if (upperDir == null && lowerDirs.size() < 2) {
            throw new IllegalArgumentException("a read-only overlay needs at least two lower directories");
        }
    }

    public boolean readOnly() {
        return upperDir == null;
    }

    /** The option string for mount(2); paths with ',' or ':' cannot be named there and are refused. */
    public String mountOptions() {
        StringBuilder options = new StringBuilder("lowerdir=");
        for (int i = 0; i < lowerDirs.size(); i++) {
            options.append(i == 0 ? "" : ":").append(checked(lowerDirs.get(i)));
        }
        if (upperDir != null) {
            options.append(",upperdir=").append(checked(upperDir)).append(",workdir=").append(checked(workDir));
        }
        if (options.length() > MAX_OPTIONS) {
            throw new IllegalArgumentException("overlay options for " + lowerDirs.size() + " layers are "
                    + options.length() + " bytes, more than the kernel's " + MAX_OPTIONS);
        }
        return options.toString();
    }

    private static String checked(Path p) {
        String s = p.toString();
        if (s.contains(",") || s.contains(":")) {
            throw new IllegalArgumentException("overlay directory " + s + " contains ',' or ':'");
        }
        return s;
    }
}
