package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.Endpoint;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker network inspect}: Docker's JSON for each network, or {@code --format} applied to each. */
final class NetworkInspectCommand implements CodedCommand {
    String format;
    final List<String> names = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "inspect", "Display detailed information on one or more networks.");
        spec.addOption(value(String.class, "TEMPLATE", "A template such as '{{.IPAM.Config}}'.", v -> format = v,
                "-f", "--format"));
        spec.addPositional(positionals("0..*", "1..*", "NETWORK", null, names));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException, IOException {
        GoTemplate template = format == null ? null : GoTemplate.parse(format);
        Networks networks = context.networks();
        ArrayNode found = DockerJson.array();
        int status = ExitCodes.OK;
        for (String name : names) {
            NetworkRecord network;
            try {
                network = networks.find(name);
            } catch (LaunchException e) {
                context.err.println("minidocker: No such network: " + name);
                status = ExitCodes.FAILURE;
                continue;
            }
            found.add(json(network, networks.endpoints(network)));
        }
        if (template == null) {
            context.out.println(DockerJson.indented(found));
        } else {
            for (JsonNode n : found) {
                context.out.println(template.apply(n));
            }
        }
        return status;
    }

    /** Docker's fields, as far as they apply to a network of local bridges. */
    static ObjectNode json(NetworkRecord n, List<Endpoint> endpoints) {
        ObjectNode node = DockerJson.object();
        node.put("Name", n.name());
        node.put("Id", n.id());
        node.put("Created", n.created());
        node.put("Scope", "local");
        node.put("Driver", n.driver());
        node.put("EnableIPv4", true);
        node.put("EnableIPv6", false);
        ObjectNode ipam = node.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putNull("Options");
        ArrayNode config = ipam.putArray("Config");
        if (n.bridged()) {
            config.addObject().put("Subnet", n.subnet().toString()).put("Gateway", n.gateway());
        }
        node.put("Internal", n.internal());
        node.put("Attachable", false);
        node.put("Ingress", false);
        node.putObject("ConfigFrom").put("Network", "");
        node.put("ConfigOnly", false);
        ObjectNode containers = node.putObject("Containers");
        for (Endpoint e : endpoints) {
            containers.putObject(e.containerId()).put("Name", e.containerName()).put("EndpointID", e.endpointId())
                    .put("MacAddress", e.macAddress()).put("IPv4Address", e.cidr()).put("IPv6Address", "");
        }
        ObjectNode options = node.putObject("Options");
        if (n.bridged()) {
            options.put("com.docker.network.bridge.name", n.bridge());
        }
        ObjectNode labels = node.putObject("Labels");
        n.labels().forEach(labels::put);
        return node;
    }
}
