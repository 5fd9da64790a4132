package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.spec.json.FromJson;
import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import dev.minidocker.store.container.ContainerStatus;
import dev.minidocker.store.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The store's files as minidocker has always written them: the files under {@code records/} were
 * written by Jackson's data binding, which wrote the store before. The same bytes written and the
 * same records read back, so stores on disk read unchanged.
 */
class RecordFilesTest {
    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));

    private static final ContainerRecord.Config SPARSE_CONFIG = new ContainerRecord.Config(null, List.of(), List.of(),
            "/", "", "abc", false, false, null);
    private static final ContainerRecord.HostConfig SPARSE_HOST = new ContainerRecord.HostConfig(0, 0, 0, 0, 0,
            List.of(), List.of(), false, false, "bridge", List.of(), new ContainerRecord.LogConfig("json-file", null),
            null, null, List.of(), null, null);

    /** Each canned file and the record (or map of records) it holds, with the reader of its kind. */
    private record Canned(String file, Object record, FromJson<?> reader) {
    }

    private static List<Canned> files() {
        var config = new ContainerRecord.Config(List.of("/entry"), List.of("sh", "-c", "echo \"hi\"\n\tthere é"),
                List.of("PATH=/bin", "HOSTNAME=abc"), "/work", "1000:1000", "abc", true, true, "SIGQUIT");
        var host = new ContainerRecord.HostConfig(64L << 20, -1, 1_500_000_000L, 512, 10, List.of("/a:/b:ro"),
                List.of("/tmp"), true, true, "host", List.of("no-new-privileges"),
                new ContainerRecord.LogConfig("json-file", Map.of("max-size", "10m")), "private",
                new ContainerRecord.IdMappings(List.of("0:100000:65536"), List.of("0:100000:65536")), List.of(),
                new ContainerRecord.Privileges(true, List.of("CAP_SYS_ADMIN"), List.of("CAP_CHOWN"),
                        List.of(new ContainerRecord.Device("/dev/fuse", "/dev/f", "rw")), List.of("c 1:11 rwm")), null);
        var networked = new ContainerRecord.HostConfig(0, 0, 0, 0, 0, List.of(), List.of(), false, false, "backend",
                List.of(), new ContainerRecord.LogConfig("json-file", null), null, null, List.of(), null,
                new ContainerRecord.Networking(List.of(new ContainerRecord.PortBinding("80/tcp", "", "8080"),
                        new ContainerRecord.PortBinding("53/udp", "127.0.0.1", "")), true, List.of("80/tcp"),
                        List.of("10.0.0.2"), List.of("example.org"), List.of("ndots:2"), List.of("db:host-gateway"),
                        List.of(new ContainerRecord.EndpointConfig("backend", "10.1.0.9", List.of("web")),
                                new ContainerRecord.EndpointConfig("frontend", null, List.of()))));
        var state = new ContainerState(ContainerStatus.EXITED, 12, 34, 56, 78, 137, true,
                "2026-11-28T19:00:00.123456Z", "2026-11-28T19:00:01Z", "it ended");
        FromJson<ContainerRecord> container = ContainerRecord::fromJson;
        FromJson<ImageRecord> image = ImageRecord::fromJson;
        FromJson<Map<String, TagEntry>> tags = json -> json.members(TagEntry::fromJson);
        return List.of(
                new Canned("container-full.json", new ContainerRecord("c".repeat(64), "brave_turing", "busybox", A,
                        "2026-11-28T18:59:59Z", config, host, state), container),
                new Canned("container-sparse.json", new ContainerRecord("d".repeat(64), "x", "/some/dir", null,
                        "2026-11-28T18:59:59Z", SPARSE_CONFIG, SPARSE_HOST, ContainerState.created()), container),
                new Canned("container-running.json", new ContainerRecord("f".repeat(64), "r", "busybox", A,
                        "2026-11-28T18:59:59Z", SPARSE_CONFIG, SPARSE_HOST,
                        ContainerState.created().running(100, 200, "2026-11-28T19:00:00Z").withInit(101, 201)),
                        container),
                new Canned("container-networked.json", new ContainerRecord("9".repeat(64), "web", "busybox", A,
                        "2026-11-28T18:59:59Z", SPARSE_CONFIG, networked, ContainerState.created()), container),
                new Canned("container-bare.json", new ContainerRecord("e".repeat(64), "dry-run", "", null, null,
                        null, null, null), container),
                new Canned("image.json", new ImageRecord(A, B, "application/vnd.oci.image.manifest.v1+json",
                        new Platform("linux", "arm64", "v8"), "2024-01-01T00:00:00Z",
                        List.of(new ImageRecord.Layer(B, "application/vnd.oci.image.layer.v1.tar+gzip", 1234, A),
                                new ImageRecord.Layer(A, null, 0, B)), 5678), image),
                new Canned("image-sparse.json", new ImageRecord(A, B, null, new Platform("linux", "amd64", null), null,
                        List.of(), 0), image),
                new Canned("repositories.json", new TreeMap<>(Map.of("docker.io/library/busybox:latest",
                        new TagEntry(B, A), "127.0.0.1:5000/x@" + B, new TagEntry(B, A))), tags),
                new Canned("repositories-empty.json", new TreeMap<String, TagEntry>(), tags),
                new Canned("layer.json", new LayerStore.LayerInfo(A, 42), LayerStore.LayerInfo::fromJson));
    }

    private static byte[] bytes(String file) throws IOException {
        try (InputStream in = RecordFilesTest.class.getResourceAsStream("/records/" + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesEachFileByteForByteAsBefore() throws IOException {
        for (Canned c : files()) {
            assertEquals(new String(bytes(c.file()), StandardCharsets.UTF_8),
                    new String(Json.write(c.record()), StandardCharsets.UTF_8), c.file());
        }
    }

    @Test
    void readsEachFileBackIntoItsRecord() throws IOException {
        for (Canned c : files()) {
            assertEquals(c.record(), JsonObject.read(bytes(c.file()), c.reader()), c.file());
        }
    }

    @Test
    void skipsUnknownMembersAndTakesMissingOnesAsEmpty() throws JsonException {
        byte[] json = """
                {"id": "%s", "extra": {"deep": [1, {"x": null}]}, "state": {"status": "running", "pid": 7}}
                """.formatted("f".repeat(64)).getBytes(StandardCharsets.UTF_8);
        ContainerRecord read = JsonObject.read(json, ContainerRecord::fromJson);
        assertEquals("f".repeat(64), read.id());
        assertNull(read.name());
        assertNull(read.config());
        assertEquals(ContainerStatus.RUNNING, read.state().status());
        assertEquals(7, read.state().pid());
        assertEquals(0, read.state().exitCode());
        Map<String, Object> image = new LinkedHashMap<>(Map.of("id", A.toString(), "size", 3L));
        assertEquals(List.of(), JsonObject.read(Json.write(image), ImageRecord::fromJson).layers());
    }

    @Test
    void aMemberOfTheWrongKindIsAnErrorNamingIt() {
        assertEquals("id is not a string", fault("{\"id\": 12}"));
        assertEquals("imageId: unsupported digest algorithm \"md5\" (only sha256)", fault("{\"imageId\": \"md5:00\"}"));
        assertEquals("state.status: No enum constant dev.minidocker.store.container.ContainerStatus.PAUSED",
                fault("{\"state\": {\"status\": \"paused\"}}"));
        assertEquals("malformed JSON at line 1, column 1: a value expected, found the end of input", fault(""));
    }

    private static String fault(String json) {
        return assertThrows(JsonException.class,
                () -> JsonObject.read(json.getBytes(StandardCharsets.UTF_8), ContainerRecord::fromJson)).getMessage();
    }
}
