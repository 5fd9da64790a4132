package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker network create}: a bridge network; prints its id, as Docker does. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a network.")
final class NetworkCreateCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Driver to manage the network: bridge.")
    String driver = "bridge";

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet, e.g. 10.10.0.0/24 (default: a free one).")
    String subnet;

    @Option(names = "--gateway", paramLabel = "IP", description = "Gateway of the subnet (default: its first address).")
    String gateway;

    @Option(names = "--internal", description = "No access from the network to the outside: no route out, no masquerade.")
    boolean internal;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata on the network.")
    List<String> labels = List.of();

    @Parameters(paramLabel = "NETWORK")
    String name;

    @Override
    public Integer call() throws StoreException, LaunchException, CliException {
        if (!driver.equals("bridge")) {
            throw new CliException("plugin \"" + driver + "\" not found");
        }
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        Context context = parent.context();
        context.out.println(context.networks().create(name, subnet, gateway, internal, labelMap).id());
        return ExitCodes.OK;
    }
}
