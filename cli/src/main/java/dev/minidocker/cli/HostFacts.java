package dev.minidocker.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code version} and {@code info} say of the machine, read from {@code /proc} and
 * {@code /etc/os-release} as Docker's daemon reads them; "" for what cannot be read.
 */
record HostFacts(String kernel, String operatingSystem, String os, String architecture, String goArch, int cpus,
        long memory, String hostname) {

    static HostFacts read() {
        String arch = System.getProperty("os.arch");
        return new HostFacts(firstLine(Path.of("/proc/sys/kernel/osrelease")),
                osRelease(lines(Path.of("/etc/os-release"))), "linux", machine(arch), goArch(arch),
                Runtime.getRuntime().availableProcessors(), memTotal(lines(Path.of("/proc/meminfo"))),
                firstLine(Path.of("/proc/sys/kernel/hostname")));
    }

    /** {@code uname -m}'s name of the JVM's architecture, as {@code info} prints it. */
    static String machine(String javaArch) {
        return switch (javaArch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    /** Go's name of the JVM's architecture, as {@code version}'s OS/Arch prints it. */
    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> javaArch;
        };
    }

    /** The {@code PRETTY_NAME} of an os-release file, unquoted. */
    static String osRelease(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("PRETTY_NAME=")) {
                String value = line.substring("PRETTY_NAME=".length()).strip();
                return value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return "";
    }

    /** {@code MemTotal} of /proc/meminfo, in bytes. */
    static long memTotal(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("MemTotal:")) {
                String[] words = line.substring("MemTotal:".length()).strip().split("\\s+");
                return Long.parseLong(words[0]) * 1024;
            }
        }
        return 0;
    }

    /** Bytes in binary units with four significant digits, as Docker's {@code units.BytesSize}: "3.823GiB". */
    static String binarySize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString() + units[unit];
    }

    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.getFirst().strip();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
