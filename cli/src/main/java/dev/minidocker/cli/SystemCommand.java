package dev.minidocker.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker system ...}: disk usage and pruning, grouped as Docker groups them. */
@Command(name = "system", mixinStandardHelpOptions = true, description = "Manage minidocker.",
        subcommands = {SystemDfCommand.class, SystemPruneCommand.class})
final class SystemCommand implements ContextSource {
    @ParentCommand
    Main main;

    @Override
    public Context context() {
        return main.context();
    }
}
