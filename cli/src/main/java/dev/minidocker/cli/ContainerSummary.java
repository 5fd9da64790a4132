package dev.minidocker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.store.container.ContainerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A container as Docker's lists show it (its {@code container.Summary} through the CLI's
 * formatter): the fields of {@code ps} and of {@code system df -v}, keys sorted as Go's JSON
 * writes a map. {@code trunc} cuts the id and the command, as Docker's tables do.
 */
final class ContainerSummary {
    private ContainerSummary() {
    }

    static ObjectNode of(ContainerRecord c, Instant now, boolean trunc) {
        return of(c, false, now, trunc);
    }

    /** The same for a container that may be {@code paused}. */
    static ObjectNode of(ContainerRecord c, boolean paused, Instant now, boolean trunc) {
        ObjectNode row = DockerJson.object();
        row.put("Command", command(c, trunc));
        row.put("CreatedAt", c.created());
        row.put("ID", trunc ? c.shortId() : c.id());
        row.put("Image", c.image());
        row.put("Labels", "");
        row.put("LocalVolumes", "0");
        row.put("Mounts", "");
        row.put("Names", c.name());
        row.put("Networks", c.hostConfig() == null ? "" : c.hostConfig().networkMode());
        row.put("Ports", "");
        row.put("RunningFor", HumanDuration.ago(Instant.parse(c.created()), now));
        row.put("Size", "");
        row.put("State", paused ? "paused" : c.state().status().word());
        row.put("Status", ContainerWords.status(c.state(), paused, now));
        return row;
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
