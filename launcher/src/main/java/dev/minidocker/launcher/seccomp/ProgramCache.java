package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Compiled seccomp programs in the store, so that a container confined as one before pays one
 * file read for its filter, and neither reads, resolves nor compiles its profile:
 * <pre>
 * seccomp/sha256/&lt;hex&gt;.bpf   the program of the rules whose SHA-256 is hex (LibseccompRules' text)
 * seccomp/index/&lt;crc&gt;-&lt;len&gt;  "sha256:&lt;hex&gt;" and the inputs that resolved to those rules
 * </pre>
 * The inputs are what the rules are a function of (the profile's bytes, the machine, the
 * container's capabilities, the compiler: see {@link SeccompPlan}); an index entry is found by
 * their CRC-32 and length and counts only if it holds exactly them, so a CRC collision is a miss,
 * never a wrong filter. The index spares each run reading and resolving the profile and setting
 * up the JDK's SHA-256 (its security providers), work that a JVM which has barely started does
 * slowly. Files are written by temp file and rename, the program before its index entry. A shim in
 * a user namespace reads the program as its mapped root: programs are readable by all, and
 * {@code Store.open} makes the directories, those on the way to a program passable by all.
 */
public final class ProgramCache {
    private static final String DIGEST_PREFIX = "sha256:";
    private static final int HEX_LENGTH = 64;

    private final Path dir;
    private final Path tmp;
    private final Path compiler;

    /** {@code storeRoot}'s cache, compiled by {@code compiler} (minidocker-seccomp). */
    public ProgramCache(Path storeRoot, Path compiler) {
        this.dir = storeRoot.resolve("seccomp");
        this.tmp = storeRoot.resolve("tmp");
        this.compiler = compiler;
    }

    /** The program these inputs resolved to before, if the store still has it; null otherwise. */
    public Path find(byte[] inputs) throws LaunchException {
        Path index = index(inputs);
        byte[] entry;
        try {
            entry = Files.readAllBytes(index);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LaunchException("read " + index + ": " + e.getMessage(), e);
        }
        int header = DIGEST_PREFIX.length() + HEX_LENGTH + 1;
        if (entry.length != header + inputs.length
                || !Arrays.equals(entry, header, entry.length, inputs, 0, inputs.length)) {
            return null;
        }
        for (int i = DIGEST_PREFIX.length(); i < header - 1; i++) {
            if (!HexFormat.isHexDigit(entry[i])) {
                return null;
            }
        }
        Path program = program(new String(entry, DIGEST_PREFIX.length(), HEX_LENGTH, StandardCharsets.US_ASCII));
        return Files.exists(program) ? program : null;
    }

    /** Where the program of {@code rules} is kept, whether or not it is compiled. */
    public Path path(String rules) {
        return program(sha256(rules.getBytes(StandardCharsets.UTF_8)));
    }

    /** The program of {@code rules}, compiled unless the store has it, and indexed under {@code inputs}. */
    public Path compile(String rules, byte[] inputs) throws LaunchException {
        String hex = sha256(rules.getBytes(StandardCharsets.UTF_8));
        Path program = program(hex);
        try {
            if (!Files.exists(program)) {
                place(run(rules, program), program);
            }
            byte[] header = (DIGEST_PREFIX + hex + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] entry = Arrays.copyOf(header, header.length + inputs.length);
            System.arraycopy(inputs, 0, entry, header.length, inputs.length);
            Path temp = temp(index(inputs));
            Files.write(temp, entry);
            place(temp, index(inputs));
        } catch (IOException e) {
            throw new LaunchException("compile seccomp profile: " + e.getMessage(), e);
        }
        return program;
    }

    /** Runs the compiler on {@code rules}; its program is left in a temp file, which is returned. */
    private Path run(String rules, Path program) throws IOException, LaunchException {
        Path temp = temp(program);
        Process process = new ProcessBuilder(compiler.toString()).redirectOutput(temp.toFile()).start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(rules.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The compiler stopped reading: its own message says why.
            }
            String error;
            try (InputStream err = process.getErrorStream()) {
                error = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int status = process.waitFor();
            long size = Files.size(temp);
            if (status != 0 || size == 0 || size % 8 != 0) {
                throw new LaunchException("compile seccomp profile: " + (error.isEmpty()
                        ? compiler.getFileName() + " exited with status " + status + " after " + size + " bytes"
                        : error));
            }
            return temp;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            Files.deleteIfExists(temp);
            throw new LaunchException("compile seccomp profile: interrupted", e);
        } catch (LaunchException | IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private Path temp(Path target) {
        return tmp.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /** Readable by all, then renamed onto {@code target}. */
    private static void place(Path temp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path index(byte[] inputs) {
        CRC32 crc = new CRC32();
        crc.update(inputs);
        return dir.resolve("index").resolve(Long.toHexString(crc.getValue()) + "-" + inputs.length);
    }

    private Path program(String hex) {
        return dir.resolve("sha256").resolve(hex + ".bpf");
    }

    private static String sha256(byte[] text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
