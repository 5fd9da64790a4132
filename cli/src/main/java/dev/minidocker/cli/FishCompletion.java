package dev.minidocker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * fish's completion script for {@code minidocker}, made from the commands' models: each command
 * offered where it can be named, each option where its command has been named, with their
 * descriptions. fish's own {@code __fish_seen_subcommand_from} tells which command that is.
 */
final class FishCompletion {
    private final StringBuilder script = new StringBuilder();

    private FishCompletion() {
    }

    static String of(CommandSpec root) {
        FishCompletion fish = new FishCompletion();
        fish.script.append("# fish completion for minidocker (minidocker completion fish)\n");
        List<String> groups = new ArrayList<>();
        root.subcommands().forEach((word, sub) -> {
            if (!sub.getSubcommands().isEmpty()) {
                groups.add(word);
            }
        });
        fish.options(root, "__fish_use_subcommand");
        fish.commands(root, "__fish_use_subcommand");
        String notInGroup = groups.isEmpty() ? "" : "; and not __fish_seen_subcommand_from " + String.join(" ", groups);
        for (Map.Entry<String, CommandLine> sub : root.subcommands().entrySet()) {
            CommandSpec command = sub.getValue().getCommandSpec();
            if (!sub.getKey().equals(command.name())) {
                continue; // an alias: its options are the command's
            }
            String seen = "__fish_seen_subcommand_from " + names(command);
            if (command.subcommands().isEmpty()) {
                fish.options(command, seen + notInGroup);
                continue;
            }
            List<String> words = new ArrayList<>(command.subcommands().keySet());
            fish.commands(command, seen + "; and not __fish_seen_subcommand_from " + String.join(" ", words));
            for (Map.Entry<String, CommandLine> inner : command.subcommands().entrySet()) {
                CommandSpec leaf = inner.getValue().getCommandSpec();
                if (inner.getKey().equals(leaf.name())) {
                    fish.options(leaf, seen + "; and __fish_seen_subcommand_from " + names(leaf));
                }
            }
        }
        return fish.script.toString();
    }

    private static String names(CommandSpec command) {
        return command.name() + (command.aliases().length == 0 ? "" : " " + String.join(" ", command.aliases()));
    }

    /** The commands under {@code parent}, offered while {@code condition} holds. */
    private void commands(CommandSpec parent, String condition) {
        parent.subcommands().forEach((word, sub) -> line(condition, "-f -a " + word,
                String.join(" ", sub.getCommandSpec().usageMessage().description())));
    }

    private void options(CommandSpec command, String condition) {
        for (OptionSpec option : command.options()) {
            StringBuilder names = new StringBuilder();
            for (String name : option.names()) {
                names.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            line(condition, names.substring(1) + (option.typeInfo().isBoolean() ? "" : " -r"),
                    String.join(" ", option.description()));
        }
    }

    private void line(String condition, String what, String description) {
        script.append("complete -c minidocker -n '").append(condition).append("' ").append(what)
                .append(" -d '").append(description.replace("\\", "\\\\").replace("'", "\\'")).append("'\n");
    }
}
