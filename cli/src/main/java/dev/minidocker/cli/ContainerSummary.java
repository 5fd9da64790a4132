package dev.minidocker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.logs.LogTime;
import dev.minidocker.launcher.network.Endpoint;
import dev.minidocker.launcher.network.PublishedPort;
import dev.minidocker.store.container.ContainerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A container as Docker's lists show it (its {@code container.Summary} through the CLI's
 * formatter): the fields of {@code ps} and of {@code system df -v}, keys sorted as Go's JSON
 * writes a map. {@code trunc} cuts the id and the command, as Docker's tables do.
 */
final class ContainerSummary {
    private ContainerSummary() {
    }

    static ObjectNode of(ContainerRecord c, Instant now, boolean trunc) {
        return of(c, false, now, trunc, "");
    }

    /** The same for a container that may be {@code paused}; {@code ports}: the PORTS column (see {@link #ports}). */
    static ObjectNode of(ContainerRecord c, boolean paused, Instant now, boolean trunc, String ports) {
        ObjectNode row = DockerJson.object();
        row.put("Command", command(c, trunc));
        row.put("CreatedAt", c.created());
        row.put("ID", trunc ? c.shortId() : c.id());
        row.put("Image", c.image());
        row.put("Labels", "");
        List<ContainerRecord.MountPoint> mounts = c.hostConfig() == null ? List.of() : c.hostConfig().mounts();
        row.put("LocalVolumes", String.valueOf(mounts.stream().filter(ContainerRecord.MountPoint::isVolume).count()));
        // Docker's: each volume's name, each bind's source.
        row.put("Mounts", String.join(",", mounts.stream().map(m -> m.isVolume() ? m.name() : m.source()).toList()));
        row.put("Names", c.name());
        row.put("Networks", c.hostConfig() == null ? "" : c.hostConfig().networkMode());
        row.put("Ports", ports);
        row.put("RunningFor", HumanDuration.ago(LogTime.instant(c.created()), now));
        row.put("Size", "");
        row.put("State", paused ? "paused" : c.state().status().word());
        row.put("Status", ContainerWords.status(c.state(), paused, now));
        return row;
    }

    /**
     * Docker's PORTS of a running container: each published port ({@code 0.0.0.0:8080->80/tcp}), then
     * each port its image exposes that is not published ({@code 443/tcp}).
     */
    static String ports(ContainerRecord c, List<Endpoint> endpoints) {
        List<String> ports = new ArrayList<>();
        Set<String> published = new HashSet<>();
        for (Endpoint e : endpoints) {
            for (PublishedPort p : e.ports()) {
                ports.add(p.toString());
                published.add(p.containerPort() + "/" + p.protocol());
            }
        }
        ContainerRecord.Networking n = c.hostConfig() == null ? null : c.hostConfig().networking();
        if (n != null && !endpoints.isEmpty()) {
            n.exposedPorts().stream().filter(p -> !published.contains(p)).forEach(ports::add);
        }
        return String.join(", ", ports);
    }

    private static String command(ContainerRecord c, boolean trunc) {
        List<String> args = new ArrayList<>();
        if (c.config() != null) {
            args.addAll(c.config().entrypoint() == null ? List.of() : c.config().entrypoint());
            args.addAll(c.config().cmd() == null ? List.of() : c.config().cmd());
        }
        return ContainerWords.command(args, !trunc);
    }
}
