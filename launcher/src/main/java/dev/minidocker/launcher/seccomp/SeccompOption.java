package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --security-opt seccomp=...}: Docker's default profile (no option, or {@code builtin}),
 * no filter at all ({@code unconfined}), or the profile in a file, read and checked when the
 * option is given, before anything is made.
 *
 * @param profile the file's profile; null for Docker's default and for none
 * @param securityOpt the option as the container's record keeps it (inspect's
 *        {@code HostConfig.SecurityOpt}): Docker's CLI replaces a file's name by its content,
 *        compacted; null when no option was given
 */
public record SeccompOption(SeccompProfile profile, String securityOpt) {
    public static final SeccompOption DEFAULT = new SeccompOption(null, null);
    private static final String UNCONFINED = "unconfined";
    private static final String BUILTIN = "builtin";

    /** The option's value, after {@code seccomp=}. */
    public static SeccompOption of(String value) throws LaunchException {
        if (value.equals(UNCONFINED) || value.equals(BUILTIN)) {
            return new SeccompOption(null, "seccomp=" + value);
        }
        byte[] json;
        try {
            json = Files.readAllBytes(Path.of(value));
        } catch (IOException e) {
            throw new LaunchException("read seccomp profile " + value + ": " + reason(e), e);
        }
        SeccompProfile profile = ProfileReader.read(json, value);
        return new SeccompOption(profile, "seccomp=" + compact(new String(json, StandardCharsets.UTF_8)));
    }

    public boolean unconfined() {
        return ("seccomp=" + UNCONFINED).equals(securityOpt);
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
    }

    /** JSON without the white space between its tokens (Go's json.Compact); {@code json} is valid JSON. */
    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
