package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code logs} on detached containers: what the monitor logged, followed live, cut by --tail and --since. */
class LogsIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @Test
    void followPrintsEverythingLiveAndEndsWithTheContainer() {
        String id = minidocker.run("run", "-d", IMAGES.busybox(), "sh", "-c",
                "i=0; while [ $i -lt 30 ]; do echo line $i; i=$((i+1)); sleep 0.05; done; echo done >&2; exit 2")
                .assertSuccess().stdout().strip();
        try (StartedMinidocker follow = StartedMinidocker.start(minidocker, "logs", "-f", id)) {
            CommandResult followed = follow.await(TIMEOUT).assertSuccess();
            assertEquals(numbered(0, 30), followed.stdoutLines(), followed::toString);
            assertEquals(List.of("done"), followed.stderrLines(), followed::toString);
        }
        assertEquals("2", minidocker.run("wait", id).assertSuccess().stdout().strip());

        CommandResult tail = minidocker.run("logs", "--tail", "3", id).assertSuccess();
        assertEquals(numbered(28, 30), tail.stdoutLines(), tail::toString);
        assertEquals(List.of("done"), tail.stderrLines());

        List<String> stamped = minidocker.run("logs", "-t", "-n", "all", id).assertSuccess().stdoutLines();
        assertEquals(30, stamped.size());
        Instant fifteenth = Instant.parse(stamped.get(15).split(" ")[0]);
        assertEquals("line 15", stamped.get(15).substring(stamped.get(15).indexOf(' ') + 1));
        CommandResult since = minidocker.run("logs", "--since", fifteenth.toString(), id).assertSuccess();
        assertEquals(numbered(15, 30), since.stdoutLines(), since::toString);
        CommandResult until = minidocker.run("logs", "--until", fifteenth.toString(), id).assertSuccess();
        assertEquals(numbered(0, 16), until.stdoutLines(), until::toString);
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void followKeepsUpAcrossRotations() {
        // The container writes once the follower runs: what rotation drops before that, no follower sees.
        String id = minidocker.run("run", "-d", "--log-opt", "max-size=1k", "--log-opt", "max-file=4", IMAGES.busybox(),
                "sh", "-c", "trap 'go=1' USR1; echo ready; while [ -z \"$go\" ]; do sleep 0.1; done; "
                        + "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); [ $((i % 10)) = 0 ] && sleep 0.1; done")
                .assertSuccess().stdout().strip();
        try (StartedMinidocker follow = StartedMinidocker.start(minidocker, "logs", "--follow", id)) {
            follow.awaitStdoutLine("ready", TIMEOUT);
            minidocker.run("kill", "-s", "USR1", id).assertSuccess();
            CommandResult followed = follow.await(TIMEOUT).assertSuccess();
            List<String> expected = new java.util.ArrayList<>(List.of("ready"));
            expected.addAll(numbered(0, 300));
            assertEquals(expected, followed.stdoutLines(), "every line once, in order, through the rotations");
        }
        // Afterwards only what the files kept: the newest lines, up to four files of about 1 KiB.
        List<String> kept = minidocker.run("logs", id).assertSuccess().stdoutLines();
        assertTrue(kept.size() < 300 && kept.size() > 30, kept.size() + " lines kept");
        assertEquals(numbered(300 - kept.size(), 300), kept, "the newest lines, none missing");
        minidocker.run("rm", id).assertSuccess();
    }

    @Test
    void aCreatedContainerHasNoLogsAndAnUnknownOneIsAnError() {
        String id = minidocker.run("create", IMAGES.busybox(), "echo", "hi").assertSuccess().lastStdoutLine();
        CommandResult none = minidocker.run("logs", id).assertSuccess();
        assertEquals("", none.stdout() + none.stderr());
        minidocker.run("start", "-a", id).assertSuccess();
        assertEquals(List.of("hi"), minidocker.run("logs", id).assertSuccess().stdoutLines(), "start -a logs too");
        CommandResult unknown = minidocker.run("logs", "nope").assertExit(1);
        assertTrue(unknown.stderr().contains("No such container: nope"), unknown::toString);
        minidocker.run("rm", id).assertSuccess();
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
    }
}
