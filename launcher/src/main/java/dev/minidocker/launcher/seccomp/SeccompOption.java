package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --security-opt seccomp=...}: Docker's default profile (no option, or {@code builtin}),
 * no filter at all ({@code unconfined}), or the profile in a file, read and checked when the
 * option is given, before anything is made.
 *
 * @param securityOpt the option as the container's record keeps it, and inspect shows it in
 *        {@code HostConfig.SecurityOpt}: as Docker's CLI sends it, a file replaced by its content,
 *        compacted ({@code seccomp={"defaultAction":...}}); null when no option was given
 */
public record SeccompOption(String securityOpt) {
    public static final SeccompOption DEFAULT = new SeccompOption(null);
    private static final String PREFIX = "seccomp=";
    private static final String UNCONFINED_OPT = PREFIX + "unconfined";
    /** No filter at all. */
    public static final SeccompOption UNCONFINED = new SeccompOption(UNCONFINED_OPT);
    private static final String BUILTIN = PREFIX + "builtin";

    /** The option's value, after {@code seccomp=}: a file's profile is read and checked now. */
    public static SeccompOption of(String value) throws LaunchException {
        if (value.isEmpty()) {
            throw new LaunchException("Invalid --security-opt: \"" + PREFIX + "\"");
        }
        if (value.equals("unconfined") || value.equals("builtin")) {
            return new SeccompOption(PREFIX + value);
        }
        byte[] json;
        try {
            json = Files.readAllBytes(Path.of(value));
        } catch (IOException e) {
            throw new LaunchException("read seccomp profile " + value + ": " + reason(e), e);
        }
        ProfileReader.read(json, value);
        return new SeccompOption(PREFIX + compact(new String(json, StandardCharsets.UTF_8)));
    }

    /** The option a container was created with, from its record's {@code SecurityOpt}. */
    public static SeccompOption recorded(List<String> securityOpt) {
        for (String opt : securityOpt == null ? List.<String>of() : securityOpt) {
            if (opt.startsWith(PREFIX)) {
                return new SeccompOption(opt);
            }
        }
        return DEFAULT;
    }

    public boolean unconfined() {
        return UNCONFINED_OPT.equals(securityOpt);
    }

    /** The profile's JSON: a file's (compacted), or Docker's default. */
    byte[] json() throws LaunchException {
        return securityOpt == null || securityOpt.equals(BUILTIN) ? DefaultProfile.bytes()
                : securityOpt.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8);
    }

    /** The profile, read from {@link #json}. */
    SeccompProfile profile(byte[] json) throws LaunchException {
        return ProfileReader.read(json, securityOpt == null || securityOpt.equals(BUILTIN) ? DefaultProfile.NAME
                : "of the container");
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }

    /** JSON without the white space between its tokens, as Go's json.Compact; {@code json} is valid JSON. */
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
