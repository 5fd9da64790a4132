package dev.minidocker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every test of {@code minidocker run} has: the commands with a state directory of the test's
 * own, and the check that the test's containers leave no mount, cgroup or process behind. The
 * check is ordered after the commands' extension, so it runs before that removes the directory.
 */
abstract class RunTestBase {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    final Minidocker minidocker = new Minidocker();
    @RegisterExtension
    @Order(2)
    final ContainerTraces traces = new ContainerTraces(minidocker);

    /** Pulls {@code image} first, so that what a run prints on stderr is its own. */
    void pull(String image) {
        minidocker.run("pull", "-q", image).assertSuccess();
    }

    /** Once the container has printed "ready" (to its json-file log), its traps are set. */
    void awaitReady(String id) {
        Eventually.until(() -> readIfPresent(log(id)).contains("ready"), READY_TIMEOUT, "container " + id + " to print ready");
    }

    /** Where a container started in the background writes its output. */
    Path log(String id) {
        return minidocker.root().resolve("containers").resolve(id).resolve(id + "-json.log");
    }

    static String readIfPresent(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code inspect CONTAINER}: the one object of its array. */
    JsonNode inspect(String container) {
        try {
            return JSON.readTree(minidocker.run("inspect", container).assertSuccess().stdout()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container records present: {@code <root>/containers/<id>/}. */
    List<Path> containerRecords() {
        try (Stream<Path> records = Files.list(minidocker.root().resolve("containers"))) {
            return records.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
