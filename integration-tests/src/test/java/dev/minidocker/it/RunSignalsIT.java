package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signals {@code minidocker run} gets reach the container's process 1, as Docker's sig-proxy does. */
class RunSignalsIT extends RunTestBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final RunImages IMAGES = new RunImages();

    @ParameterizedTest
    @CsvSource({"TERM, 7", "INT, 8", "HUP, 9", "USR1, 10"})
    void signalReachesTheContainersTrap(String signal, int status) {
        String script = "trap 'echo got " + signal + "; exit " + status + "' " + signal
                + "; echo ready; while :; do sleep 1; done";
        try (StartedMinidocker run = StartedMinidocker.start(minidocker, "run", "--rm", IMAGES.busybox(),
                "sh", "-c", script)) {
            run.awaitStdoutLine("ready", TIMEOUT);
            run.signal(signal, TIMEOUT);
            CommandResult result = run.await(TIMEOUT).assertExit(status);
            assertEquals("ready\ngot " + signal + "\n", result.stdout(), result::toString);
        }
    }
}
