package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker network create}: a bridge network; prints its id, as Docker does. */
final class NetworkCreateCommand implements CodedCommand {
    String driver = "bridge";
    String subnet;
    String gateway;
    boolean internal;
    final List<String> labels = new ArrayList<>();
    String name;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "create", "Create a network.");
        spec.addOption(value(String.class, "DRIVER", "Driver to manage the network: bridge.", v -> driver = v,
                "-d", "--driver"));
        spec.addOption(value(String.class, "CIDR", "Subnet, e.g. 10.10.0.0/24 (default: a free one).", v -> subnet = v,
                "--subnet"));
        spec.addOption(value(String.class, "IP", "Gateway of the subnet (default: its first address).",
                v -> gateway = v, "--gateway"));
        spec.addOption(flag("No access from the network to the outside: no route out, no masquerade.",
                v -> internal = v, "--internal"));
        spec.addOption(repeated(String.class, "KEY=VALUE", "Set metadata on the network.", labels, "--label"));
        spec.addPositional(positional("0", "NETWORK", null, v -> name = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException {
        if (!driver.equals("bridge")) {
            throw new CliException("plugin \"" + driver + "\" not found");
        }
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        context.out.println(context.networks().create(name, subnet, gateway, internal, labelMap).id());
        return ExitCodes.OK;
    }
}
