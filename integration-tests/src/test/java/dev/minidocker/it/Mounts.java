package dev.minidocker.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The kernel's view of this process's mounts, read from /proc/self/mountinfo. */
final class Mounts {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private Mounts() {
    }

    /** Mount points at or below {@code directory}, deepest last as the kernel lists them. */
    static List<Path> under(Path directory) {
        Path base = directory.toAbsolutePath().normalize();
        try {
            return Files.readAllLines(MOUNTINFO).stream()
                    .map(line -> Path.of(unescape(line.split(" ")[4])))
                    .filter(mountPoint -> mountPoint.startsWith(base))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Detaches whatever is still mounted below {@code directory}, so a failed test does not leave
     * mounts behind, and returns what it found there.
     */
    static List<Path> detachAllUnder(Path directory) {
        List<Path> left = under(directory);
        for (Path mountPoint : left.reversed()) {
            HostCommand.of("umount", "-l", mountPoint.toString()).run();
        }
        return left;
    }

    /** mountinfo writes space, tab, newline and backslash in paths as three octal digits. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
