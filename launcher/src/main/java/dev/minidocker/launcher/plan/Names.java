package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * Container ids as Docker's, and names: Docker's rule for a chosen one, Docker's style for a drawn
 * one ({@code adjective_scientist}).
 */
public final class Names {
    /** The kernel's random source, read directly: SecureRandom's providers are slow to set up. */
    private static final Path URANDOM = Path.of("/dev/urandom");
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> ADJECTIVES = List.of("admiring", "agitated", "amazing", "bold", "brave",
            "busy", "clever", "cool", "dazzling", "eager", "elegant", "epic", "fervent", "festive", "focused",
            "gallant", "gifted", "happy", "hopeful", "jolly", "keen", "kind", "laughing", "lucid", "modest",
            "nifty", "optimistic", "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "sweet",
            "tender", "trusting", "upbeat", "vibrant", "wizardly", "zealous");
    private static final List<String> NAMES = List.of("albattani", "babbage", "bohr", "curie", "darwin",
            "dijkstra", "einstein", "euler", "fermat", "feynman", "galileo", "gauss", "hopper", "hypatia",
            "kepler", "knuth", "lamport", "lovelace", "mccarthy", "meitner", "newton", "noether", "pascal",
            "ritchie", "shannon", "thompson", "torvalds", "turing", "wozniak", "yonath");

    private Names() {
    }

    /** {@code name} when Docker would take it. */
    static String check(String name) throws LaunchException {
        if (!VALID.matcher(name).matches()) {
            throw new LaunchException("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }

    public static String random(RandomGenerator random) {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + NAMES.get(random.nextInt(NAMES.size()));
    }

    /** 64 random hex digits, as Docker's container, network and endpoint ids. */
    public static String newId() throws LaunchException {
        byte[] bytes = new byte[32];
        try (var in = Files.newInputStream(URANDOM)) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException("short read");
            }
        } catch (IOException e) {
            throw new LaunchException("read " + URANDOM + " for an id: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
