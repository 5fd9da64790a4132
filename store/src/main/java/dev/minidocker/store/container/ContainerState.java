package dev.minidocker.store.container;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;

/**
 * What a container is doing. Processes are named by pid and start time together (field 22 of
 * /proc/PID/stat), never by pid alone, since pids are reused.
 *
 * Times are RFC 3339 text, as Docker's JSON shows them.
 *
 * @param monitorPid the host process that waits for the container and records its exit
 * @param pid the container's process 1, as the host sees it
 */
public record ContainerState(ContainerStatus status, long monitorPid, long monitorStart, long pid, long pidStart,
        int exitCode, boolean oomKilled, String startedAt, String finishedAt, String error) implements JsonWritable {

    static ContainerState fromJson(JsonObject json) throws JsonException {
        return new ContainerState(json.string("status", ContainerStatus::of), json.number("monitorPid"),
                json.number("monitorStart"), json.number("pid"), json.number("pidStart"), json.integer("exitCode"),
                json.bool("oomKilled"), json.string("startedAt"), json.string("finishedAt"), json.string("error"));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonNull("status", status).add("monitorPid", monitorPid)
                .add("monitorStart", monitorStart).add("pid", pid).add("pidStart", pidStart).add("exitCode", exitCode)
                .add("oomKilled", oomKilled).addNonNull("startedAt", startedAt).addNonNull("finishedAt", finishedAt)
                .addNonNull("error", error);
    }

    public static ContainerState created() {
        return new ContainerState(ContainerStatus.CREATED, 0, 0, 0, 0, 0, false, null, null, null);
    }

    public ContainerState running(long monitor, long monitorStartTime, String at) {
        return new ContainerState(ContainerStatus.RUNNING, monitor, monitorStartTime, 0, 0, 0, false, at, null, null);
    }

    public ContainerState withInit(long initPid, long initStart) {
        return new ContainerState(status, monitorPid, monitorStart, initPid, initStart, exitCode, oomKilled,
                startedAt, finishedAt, error);
    }

    public ContainerState exited(int code, boolean oom, String at, String why) {
        return new ContainerState(ContainerStatus.EXITED, 0, 0, 0, 0, code, oom, startedAt, at, why);
    }
}
