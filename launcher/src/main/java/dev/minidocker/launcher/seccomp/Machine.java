package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a profile's rules are resolved against besides the container: this machine's architecture
 * and kernel version.
 *
 * @param arch Go's name of the architecture ({@code amd64}, {@code arm64}), which profiles' {@code
 *        includes} and {@code excludes} use
 * @param seccompArch its name in seccomp's terms ({@code SCMP_ARCH_X86_64}), which {@code archMap} uses
 */
public record Machine(String arch, String seccompArch, SeccompProfile.KernelVersion kernel) {
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    /** This machine: the JVM's architecture and the running kernel's release. */
    public static Machine current() throws LaunchException {
        String release;
        // One read: a sysctl file answers only a read at offset 0.
        try (InputStream in = Files.newInputStream(OSRELEASE)) {
            release = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new LaunchException("read " + OSRELEASE + ": " + e.getMessage(), e);
        }
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> new Machine("amd64", "SCMP_ARCH_X86_64", kernel(release));
            case "aarch64", "arm64" -> new Machine("arm64", "SCMP_ARCH_AARCH64", kernel(release));
            default -> throw new LaunchException("seccomp: minidocker supports amd64 and arm64, not "
                    + System.getProperty("os.arch"));
        };
    }

    /** A release such as {@code 6.1.0-18-amd64}, read as moby reads it: major and minor, the rest ignored. */
    static SeccompProfile.KernelVersion kernel(String release) throws LaunchException {
        int dot = release.indexOf('.');
        int end = dot + 1;
        while (end < release.length() && end - dot <= 9 && digit(release.charAt(end))) {
            end++;
        }
        if (dot < 1 || dot > 9 || end == dot + 1 || !digits(release, 0, dot)) {
            throw new LaunchException("seccomp: cannot read the kernel version \"" + release + "\"");
        }
        return new SeccompProfile.KernelVersion(Integer.parseInt(release, 0, dot, 10),
                Integer.parseInt(release, dot + 1, end, 10));
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
