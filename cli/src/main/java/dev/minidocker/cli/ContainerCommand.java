package dev.minidocker.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker container ...}: the container commands, grouped as Docker groups them. */
@Command(name = "container", mixinStandardHelpOptions = true, description = "Manage containers.",
        subcommands = {ContainerPruneCommand.class})
final class ContainerCommand implements ContextSource {
    /** The top-level container commands under their Docker names: {@code container ls} is {@code ps}. */
    static void addDockerNames(CommandLine container) {
        container.addSubcommand("ls", new CommandLine(new PsCommand()), "list", "ps");
        container.addSubcommand("inspect", new CommandLine(new ContainerInspectCommand()));
        container.addSubcommand("stop", new CommandLine(new StopCommand()));
        container.addSubcommand("restart", new CommandLine(new RestartCommand()));
        container.addSubcommand("kill", new CommandLine(new KillCommand()));
        container.addSubcommand("rm", new CommandLine(new RmCommand()), "remove");
        container.addSubcommand("rename", new CommandLine(new RenameCommand()));
        container.addSubcommand("wait", new CommandLine(new WaitCommand()));
        container.addSubcommand("logs", new CommandLine(new LogsCommand()));
        container.addSubcommand("start", new CommandLine(new StartCommand()));
        ContextSource group = container.getCommand();
        for (CommandLine takesACommand : List.of(new CommandLine(new CreateCommand(group).spec()),
                new CommandLine(new ExecCommand(group).spec()))) {
            takesACommand.setStopAtPositional(true);
            container.addSubcommand(takesACommand.getCommandName(), takesACommand);
        }
        container.addSubcommand("port", new CommandLine(new PortCommand(group).spec()));
        container.addSubcommand("cleanup", new CommandLine(new ContainerCleanupCommand(group).spec()));
    }

    @ParentCommand
    Main main;

    @Override
    public Context context() {
        return main.context();
    }
}
