package dev.minidocker.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mount points of this process's mount namespace, read from /proc/self/mountinfo. */
public final class MountTable {
    private MountTable() {
    }

    public static List<Path> mountPoints() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    public static boolean isMountPoint(Path p) throws IOException {
        return mountPoints().contains(p.toAbsolutePath().normalize());
    }

    /** The fifth field of each line, with the kernel's octal escapes (\040 for a space) undone. */
    static List<Path> parse(List<String> mountinfo) {
        List<Path> points = new ArrayList<>();
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                points.add(Path.of(unescape(fields[4])));
            }
        }
        return points;
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
