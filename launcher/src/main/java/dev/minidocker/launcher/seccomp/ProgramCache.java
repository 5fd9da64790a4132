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
 * Compiled seccomp programs in the store, so that a container whose rules were seen before pays
 * one file read for its filter, not a compilation:
 * <pre>
 * seccomp/sha256/&lt;hex&gt;.bpf   the program of the rules whose SHA-256 is hex (LibseccompRules' text)
 * seccomp/index/&lt;crc&gt;        "sha256:&lt;hex&gt;" and those rules, found by their CRC-32 and length
 * </pre>
 * The index spares every run the JDK's SHA-256, whose set-up alone costs more than a run may:
 * a hit is an index entry holding exactly these rules, a CRC collision only a miss. Both are
 * written by temp file and rename, the program first; programs and the directories above them are
 * readable by all, since a shim in a user namespace reads them as its mapped root.
 */
public final class ProgramCache {
    private static final String DIGEST_PREFIX = "sha256:";

    private final Path dir;
    private final Path tmp;
    private final Path compiler;

    /** {@code storeRoot}'s cache, compiled by {@code compiler} (minidocker-seccomp). */
    public ProgramCache(Path storeRoot, Path compiler) {
        this.dir = storeRoot.resolve("seccomp");
        this.tmp = storeRoot.resolve("tmp");
        this.compiler = compiler;
    }

    /** Where the program of {@code rules} is kept, whether or not it is compiled yet. */
    public Path path(String rules) throws LaunchException {
        byte[] text = rules.getBytes(StandardCharsets.UTF_8);
        String indexed = indexed(text);
        return program(indexed != null ? indexed : sha256(text));
    }

    /** The program of {@code rules}, compiled and indexed unless it was. */
    public Path compile(String rules) throws LaunchException {
        byte[] text = rules.getBytes(StandardCharsets.UTF_8);
        String indexed = indexed(text);
        if (indexed != null && Files.exists(program(indexed))) {
            return program(indexed);
        }
        String hex = sha256(text);
        Path program = program(hex);
        try {
            Files.createDirectories(tmp);
            for (Path d : new Path[] {dir, program.getParent(), index(text).getParent()}) {
                if (!Files.isDirectory(d)) {
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx--x--x"));
                }
            }
            if (!Files.exists(program)) {
                place(run(text, program), program);
            }
            byte[] entry = (DIGEST_PREFIX + hex + "\n" + rules).getBytes(StandardCharsets.UTF_8);
            Path temp = tmp.resolve("seccomp-index." + ProcessHandle.current().pid() + "." + hex);
            Files.write(temp, entry);
            place(temp, index(text));
        } catch (IOException e) {
            throw new LaunchException("compile seccomp profile: " + e.getMessage(), e);
        }
        return program;
    }

    /** Runs the compiler on {@code text}; its program is left in a temp file, which is returned. */
    private Path run(byte[] text, Path program) throws IOException, LaunchException {
        Path temp = tmp.resolve(program.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Process process = new ProcessBuilder(compiler.toString()).redirectOutput(temp.toFile()).start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text);
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
            throw new LaunchException("compile seccomp profile: interrupted", e);
        } catch (LaunchException | IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
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

    /** The hex digest the index holds for exactly {@code text}, or null. */
    private String indexed(byte[] text) throws LaunchException {
        Path index = index(text);
        byte[] entry;
        try {
            entry = Files.readAllBytes(index);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LaunchException("read " + index + ": " + e.getMessage(), e);
        }
        int header = DIGEST_PREFIX.length() + 64 + 1;
        if (entry.length != header + text.length
                || !Arrays.equals(entry, header, entry.length, text, 0, text.length)) {
            return null;
        }
        return new String(entry, DIGEST_PREFIX.length(), 64, StandardCharsets.US_ASCII);
    }

    private Path index(byte[] text) {
        CRC32 crc = new CRC32();
        crc.update(text);
        return dir.resolve("index").resolve(Long.toHexString(crc.getValue()) + "-" + text.length);
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
