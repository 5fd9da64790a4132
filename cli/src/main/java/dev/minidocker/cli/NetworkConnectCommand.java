package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker network connect} and {@code disconnect}: a container joins or leaves a network, at
 * once when it runs, and at each start from then on.
 */
final class NetworkConnectCommand implements Callable<Integer> {
    private final ContextSource parent;
    private final boolean connect;
    String network;
    String container;
    String ip;
    List<String> aliases = new ArrayList<>();
    boolean force;

    private NetworkConnectCommand(ContextSource parent, boolean connect) {
        this.parent = parent;
        this.connect = connect;
    }

    /** {@code network connect [--ip IP] [--alias NAME]... NETWORK CONTAINER}, declared in code (see {@link CodedOptions}). */
    static CommandSpec connect(ContextSource parent) {
        NetworkConnectCommand command = new NetworkConnectCommand(parent, true);
        CommandSpec spec = CodedOptions.command(command, "connect", "Connect a container to a network.");
        spec.addOption(value(String.class, "IPV4", "The container's address on a network with a --subnet.",
                v -> command.ip = v, "--ip"));
        spec.addOption(repeated(String.class, "ALIAS", "Another name of the container on the network (repeatable).",
                command.aliases, "--alias"));
        return command.withOperands(spec);
    }

    /** {@code network disconnect [-f] NETWORK CONTAINER}. */
    static CommandSpec disconnect(ContextSource parent) {
        NetworkConnectCommand command = new NetworkConnectCommand(parent, false);
        CommandSpec spec = CodedOptions.command(command, "disconnect", "Disconnect a container from a network.");
        spec.addOption(flag("Force the container to disconnect from a network.", v -> command.force = v,
                "-f", "--force"));
        return command.withOperands(spec);
    }

    private CommandSpec withOperands(CommandSpec spec) {
        CodedOptions.helpOptions(spec, false, false);
        spec.addPositional(positional("0", "NETWORK", v -> network = v));
        spec.addPositional(positional("1", "CONTAINER", v -> container = v));
        return spec;
    }

    @Override
    public Integer call() throws CliException, StoreException {
        Context context = parent.context();
        try {
            if (connect) {
                context.lifecycle().connect(context.container(container), network, ip, aliases);
            } else {
                context.lifecycle().disconnect(context.container(container), network);
            }
        } catch (LaunchException e) {
            throw new CliException(e.getMessage());
        }
        return ExitCodes.OK;
    }
}
