package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker network connect} and {@code disconnect}: a container joins or leaves a network, at
 * once when it runs, and at each start from then on.
 */
final class NetworkConnectCommand implements CodedCommand {
    private final boolean connect;
    String network;
    String container;
    String ip;
    List<String> aliases = new ArrayList<>();
    boolean force;

    private NetworkConnectCommand(boolean connect) {
        this.connect = connect;
    }

    /** {@code network connect [--ip IP] [--alias NAME]... NETWORK CONTAINER}. */
    static NetworkConnectCommand connect() {
        return new NetworkConnectCommand(true);
    }

    /** {@code network disconnect [-f] NETWORK CONTAINER}. */
    static NetworkConnectCommand disconnect() {
        return new NetworkConnectCommand(false);
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec;
        if (connect) {
            spec = CodedOptions.command(this, "connect", "Connect a container to a network.");
            spec.addOption(value(String.class, "IPV4", "The container's address on a network with a --subnet.",
                    v -> ip = v, "--ip"));
            spec.addOption(repeated(String.class, "ALIAS", "Another name of the container on the network (repeatable).",
                    aliases, "--alias"));
        } else {
            spec = CodedOptions.command(this, "disconnect", "Disconnect a container from a network.");
            spec.addOption(flag("Force the container to disconnect from a network.", v -> force = v, "-f", "--force"));
        }
        spec.addPositional(positional("0", "NETWORK", null, v -> network = v));
        spec.addPositional(positional("1", "CONTAINER", null, v -> container = v));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, StoreException {
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
