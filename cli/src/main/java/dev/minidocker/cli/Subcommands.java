package dev.minidocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands under a command, each made only when it is asked for: a command's model costs
 * start-up, and {@code images} should not pay for {@code run}'s dozens of options.
 */
final class Subcommands {
    private record Entry(String word, Supplier<CommandSpec> spec, String... aliases) {
        boolean named(String w) {
            return w != null && (word.equals(w) || List.of(aliases).contains(w));
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** The command {@code make} makes, named {@code word} and, as Docker names it too, {@code aliases}. */
    Subcommands add(String word, Supplier<CodedCommand> make, String... aliases) {
        entries.add(new Entry(word, () -> make.get().spec(), aliases));
        return this;
    }

    /**
     * A group of {@code commands} named {@code word}, as Docker's {@code image} and {@code container}:
     * it runs none itself, so named alone it is a usage error.
     */
    Subcommands group(String word, String description, Subcommands commands) {
        entries.add(new Entry(word, () -> {
            CommandSpec spec = CodedOptions.command(commands, word, description);
            commands.addTo(spec, null);
            return spec;
        }));
        return this;
    }

    /** These commands with what {@code more} adds. */
    Subcommands also(UnaryOperator<Subcommands> more) {
        return more.apply(this);
    }

    /** Whether a command here is named {@code word}. */
    boolean has(String word) {
        return entries.stream().anyMatch(e -> e.named(word));
    }

    /**
     * The command named {@code word} in {@code spec}, or every one when {@code word} names none (it
     * is null, mistyped, or the usage lists them all).
     */
    void addTo(CommandSpec spec, String word) {
        List<Entry> wanted = entries.stream().filter(e -> e.named(word)).toList();
        for (Entry e : wanted.isEmpty() ? entries : wanted) {
            spec.addSubcommand(e.word, e.spec.get().name(e.word).aliases(e.aliases));
        }
    }
}
