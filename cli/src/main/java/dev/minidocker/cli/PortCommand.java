package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.PublishedPort;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker port CONTAINER [PRIVATE_PORT[/PROTO]]}: the host ports a running container's
 * ports are published on, as Docker prints them: {@code 80/tcp -> 0.0.0.0:8080} for each, or the
 * host addresses of one port ({@code 0.0.0.0:8080}).
 */
final class PortCommand implements CodedCommand {
    String container;
    final List<String> port = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "port", "List port mappings or a specific mapping for the container.");
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        spec.addPositional(positionals("1", "0..1", "PRIVATE_PORT[/PROTO]", "A port of the container (tcp unless said).",
                port));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, StoreException, LaunchException {
        ContainerRecord c = context.container(container);
        Map<String, List<PublishedPort>> published = Lifecycle.running(c)
                ? NetworkSettingsJson.published(context.networks().endpointsOf(c.id())) : Map.of();
        if (port.isEmpty()) {
            published.forEach((key, ports) -> ports.forEach(p -> context.out.println(key + " -> " + address(p))));
            return ExitCodes.OK;
        }
        String key = port.getFirst().contains("/") ? port.getFirst() : port.getFirst() + "/tcp";
        List<PublishedPort> ports = published.get(key);
        if (ports == null) {
            throw new CliException("No public port '" + key + "' published for " + container);
        }
        ports.forEach(p -> context.out.println(address(p)));
        return ExitCodes.OK;
    }

    private static String address(PublishedPort p) {
        return p.hostAddress() + ":" + p.hostPort();
    }
}
