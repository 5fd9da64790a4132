package dev.minidocker.launcher;

import java.util.List;
import java.util.random.RandomGenerator;

/** Docker-style random container names, {@code adjective_scientist}. */
final class Names {
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

    static String random(RandomGenerator random) {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + NAMES.get(random.nextInt(NAMES.size()));
    }
}
