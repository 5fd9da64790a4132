package dev.minidocker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker network ...}: the network commands, as Docker groups them. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Manage networks.",
        subcommands = {NetworkCreateCommand.class, NetworkInspectCommand.class, NetworkPruneCommand.class})
final class NetworkCommand implements ContextSource {
    /** Docker's other names inside {@code network}: {@code ls} is {@code list}, {@code rm} is {@code remove}. */
    static void addDockerNames(CommandLine network) {
        network.addSubcommand("ls", new CommandLine(new NetworkLsCommand()), "list");
        network.addSubcommand("rm", new CommandLine(new NetworkRmCommand()), "remove");
        ContextSource group = network.getCommand();
        network.addSubcommand("connect", new CommandLine(NetworkConnectCommand.connect(group)));
        network.addSubcommand("disconnect", new CommandLine(NetworkConnectCommand.disconnect(group)));
    }

    @ParentCommand
    Main main;

    @Override
    public Context context() {
        return main.context();
    }
}
