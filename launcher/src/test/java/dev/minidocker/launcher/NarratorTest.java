package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NarratorTest {
    private static final String ID = "c00f6f909d23bea67cb29299b2e3bfd2c17708ad9ab152e63701020dc369954d";
    private static final Path DIR = Path.of("/var/lib/minidocker/containers/" + ID);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Narrator narrator = Narrator.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theContainersPathsAreNamedOnceThenShortened() {
        narrator.say("plan the container in " + DIR);
        narrator.container(DIR);
        narrator.say("start minidocker-monitor --exit-file " + DIR + "/exit -> shim " + DIR + "/config.json");
        narrator.container(DIR);
        narrator.cgroup("rmdir /sys/fs/cgroup/pids/minidocker/" + ID);
        assertEquals(List.of(
                "launcher: plan the container in " + DIR,
                "launcher: $ROOT is the store /var/lib/minidocker, $ID this container's id " + ID
                        + ", and $CONTAINER its directory $ROOT/containers/$ID",
                "launcher: start minidocker-monitor --exit-file $CONTAINER/exit -> shim $CONTAINER/config.json",
                "cgroup: rmdir /sys/fs/cgroup/pids/minidocker/$ID"), lines());
    }

    @Test
    void eachLineHasOnePrefix() {
        narrator.cgroup("write 100 to /sys/fs/cgroup/pids/minidocker/x/pids.max");
        assertEquals(List.of("cgroup: write 100 to /sys/fs/cgroup/pids/minidocker/x/pids.max"), lines());
    }

    @Test
    void anotherContainerIsNamedAnew() {
        Path other = Path.of("/var/lib/minidocker/containers/" + ID.replace('c', 'd'));
        narrator.container(DIR);
        narrator.container(other);
        narrator.say("remove " + other + " and " + DIR);
        assertEquals("launcher: remove $CONTAINER and $ROOT/containers/" + ID, lines().getLast());
        assertEquals(2, lines().stream().filter(line -> line.contains(" is the store ")).count());
    }
}
