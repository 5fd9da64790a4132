package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.Endpoint;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker network inspect}: Docker's JSON for each network, or {@code --format} applied to each. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Display detailed information on one or more networks.")
final class NetworkInspectCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE", description = "A template such as '{{.IPAM.Config}}'.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Override
    public Integer call() throws StoreException, LaunchException, CliException, IOException {
        Context context = parent.context();
        GoTemplate template = format == null ? null : GoTemplate.parse(format);
        Networks networks = context.networks();
        ArrayNode found = DockerJson.mapper().createArrayNode();
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
            context.out.println(DockerJson.mapper().writeValueAsString(found));
        } else {
            for (JsonNode n : found) {
                context.out.println(template.apply(n));
            }
        }
        return status;
    }

    /** Docker's fields, as far as they apply to a network of local bridges. */
    static ObjectNode json(NetworkRecord n, List<Endpoint> endpoints) {
        ObjectNode node = DockerJson.mapper().createObjectNode();
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
