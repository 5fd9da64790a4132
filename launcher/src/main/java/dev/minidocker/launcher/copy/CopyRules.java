package dev.minidocker.launcher.copy;

import dev.minidocker.launcher.LaunchException;
import java.nio.file.Path;

/**
 * Docker's rules for where {@code cp} puts SRC, from what SRC and DEST are:
 * <ul>
 * <li>DEST an existing directory: SRC goes into it under its own name; a directory SRC ending in
 *     {@code /.} gives its contents alone.</li>
 * <li>DEST an existing file: a file SRC replaces it; a directory SRC cannot.</li>
 * <li>DEST absent: SRC is written as DEST (a directory created with DEST's name, holding SRC's
 *     contents), unless DEST ends with {@code /} and SRC is a file: the directory must exist.</li>
 * </ul>
 */
final class CopyRules {
    /** Where the copy lands: the directory {@code dir}, SRC renamed to {@code name} ("" for its contents). */
    record Target(String dir, String name) {
    }

    private CopyRules() {
    }

    /**
     * @param destIsDir null when DEST does not exist
     */
    static Target target(String src, boolean srcIsDir, String dest, Boolean destIsDir) throws LaunchException {
        boolean trailing = dest.endsWith("/") || dest.endsWith("/.") || dest.equals(".");
        if (destIsDir != null && destIsDir) {
            boolean contents = srcIsDir && (src.endsWith("/.") || src.equals(".") || name(src).isEmpty());
            return new Target(dest, contents ? "" : name(src));
        }
        if (destIsDir != null) {
            if (srcIsDir) {
                throw new LaunchException("cannot copy a directory to a file: " + dest);
            }
            if (trailing) {
                throw new LaunchException("not a directory: " + dest);
            }
        } else if (trailing && !srcIsDir) {
            throw new LaunchException("no such directory: " + dest);
        }
        return new Target(parent(dest), name(dest));
    }

    /** The last component of {@code path}, "" for a root. */
    static String name(String path) {
        Path name = Path.of(path).normalize().getFileName();
        return name == null || name.toString().equals("..") ? "" : name.toString();
    }

    /** The directory holding {@code path}'s last component. */
    static String parent(String path) {
        Path p = Path.of(path).normalize();
        Path parent = p.getParent();
        return parent != null ? parent.toString() : p.isAbsolute() ? "/" : ".";
    }
}
