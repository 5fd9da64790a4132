package dev.minidocker.it;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Disk usage measured apart from minidocker, by find(1): what {@code du --apparent-size -b} counts
 * but for directories (Docker counts none), that is the length of every file and symbolic link,
 * a file with several hard links once per tree, links never followed. And byte counts in the
 * words Docker prints them with (go-units: decimal units, so many significant digits).
 */
final class DiskSizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private DiskSizes() {
    }

    /** One file or tree; nothing when it is not there. */
    static long of(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        CommandResult found = HostCommand.check("find", path.toString(), "!", "-type", "d", "-printf", "%i %s\\n");
        Set<String> inodes = new HashSet<>();
        long total = 0;
        for (String line : found.stdoutLines()) {
            String[] inodeAndSize = line.split(" ");
            if (inodes.add(inodeAndSize[0])) {
                total += Long.parseLong(inodeAndSize[1]);
            }
        }
        return total;
    }

    /** Each measured on its own, as the store's blobs and layers are. */
    static long of(Collection<Path> paths) {
        return paths.stream().mapToLong(DiskSizes::of).sum();
    }

    /**
     * "4.26MB" with {@code digits} 3, "4.264MB" with 4; "0B". In floating point, as Go divides,
     * and rounded as Go's {@code %g} rounds the binary value: half to even.
     */
    static String human(long bytes, int digits) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString() + UNITS[unit];
    }
}
