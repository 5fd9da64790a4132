package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.LayerStore;
import dev.minidocker.store.TagEntry;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** RecordJson against Jackson's data binding (OciJson): the same bytes written, the same records read. */
class RecordJsonTest {
    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));

    static ContainerRecord fullContainer() {
        var config = new ContainerRecord.Config(List.of("/entry"), List.of("sh", "-c", "echo \"hi\"\n\tthere é"),
                List.of("PATH=/bin", "HOSTNAME=abc"), "/work", "1000:1000", "abc", true, true, "SIGQUIT");
        var host = new ContainerRecord.HostConfig(64L << 20, -1, 1_500_000_000L, 512, 10, List.of("/a:/b:ro"),
                List.of("/tmp"), true, true, "host", List.of("no-new-privileges"),
                new ContainerRecord.LogConfig("json-file", Map.of("max-size", "10m")), "private",
                new ContainerRecord.IdMappings(List.of("0:100000:65536"), List.of("0:100000:65536")));
        var state = new ContainerState(dev.minidocker.store.container.ContainerStatus.EXITED, 12, 34, 56, 78, 137,
                true, "2026-11-28T19:00:00.123456Z", "2026-11-28T19:00:01Z", "it ended");
        return new ContainerRecord("c".repeat(64), "brave_turing", "busybox", A, "2026-11-28T18:59:59Z", config,
                host, state);
    }

    static ContainerRecord sparseContainer() {
        var config = new ContainerRecord.Config(null, List.of(), List.of(), "/", "", "abc", false, false, null);
        var host = new ContainerRecord.HostConfig(0, 0, 0, 0, 0, List.of(), List.of(), false, false, "bridge",
                List.of(), new ContainerRecord.LogConfig("json-file", null), null, null);
        return new ContainerRecord("d".repeat(64), "x", "/some/dir", null, "2026-11-28T18:59:59Z", config, host,
                ContainerState.created());
    }

    static ImageRecord image() {
        return new ImageRecord(A, B, "application/vnd.oci.image.manifest.v1+json",
                new Platform("linux", "arm64", "v8"), "2024-01-01T00:00:00Z",
                List.of(new ImageRecord.Layer(B, "application/vnd.oci.image.layer.v1.tar+gzip", 1234, A)), 5678);
    }

    @Test
    void writesContainerRecordsAsDataBindingDoes() throws IOException {
        for (ContainerRecord record : List.of(fullContainer(), sparseContainer(),
                new ContainerRecord("e".repeat(64), "dry-run", "", null, null, null, null, null))) {
            assertEquals(new String(OciJson.write(record), StandardCharsets.UTF_8),
                    new String(RecordJson.write(record), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsContainerRecordsAsDataBindingDoes() throws IOException {
        for (ContainerRecord record : List.of(fullContainer(), sparseContainer())) {
            byte[] json = OciJson.write(record);
            assertEquals(OciJson.read(json, ContainerRecord.class), RecordJson.read(json, ContainerRecord.class));
            assertEquals(record, RecordJson.read(json, ContainerRecord.class));
        }
    }

    @Test
    void imageRecordsTagsAndLayerInfoRoundTripAsDataBindingDoes() throws IOException {
        Map<String, TagEntry> tags = new TreeMap<>(Map.of("docker.io/library/busybox:latest", new TagEntry(B, A),
                "127.0.0.1:5000/x@" + B, new TagEntry(B, A)));
        for (Object value : List.of(image(), tags, new TreeMap<String, TagEntry>(),
                new LayerStore.LayerInfo(A, 42))) {
            assertArrayEquals(OciJson.write(value), RecordJson.write(value));
        }
        assertEquals(image(), RecordJson.read(OciJson.write(image()), ImageRecord.class));
        assertEquals(tags, RecordJson.readMap(OciJson.write(tags), TagEntry.class));
    }

    @Test
    void writesAndReadsAnyValueAsDataBindingDoes() throws IOException {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ slash / controls \u0000\u0001\b\t\n\f\r\u001f\u007f é 😀");
        value.put("numbers", List.of(0, -1, Long.MAX_VALUE, 1.5, new java.math.BigInteger("123456789012345678901")));
        value.put("flags", List.of(true, false));
        value.put("nothing", null);
        value.put("empties", List.of(Map.of(), List.of(), ""));
        value.put("nested", Map.of("list", List.of(Map.of("a", List.of(Map.of("b", 1))), List.of(List.of()))));
        byte[] json = OciJson.write(value);
        assertEquals(new String(json, StandardCharsets.UTF_8),
                new String(RecordJson.write(value), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = OciJson.read(json, Map.class);
        assertEquals(expected, RecordJson.readMap(json, Object.class));
    }

    @Test
    void readsAnImageConfigAsDataBindingDoes() throws IOException {
        for (String canned : List.of("image-config.json", "oci-manifest.json", "docker-manifest.json")) {
            byte[] json = Canned.bytes(canned);
            Class<?> type = canned.contains("manifest") ? ImageManifest.class : ImageConfig.class;
            assertEquals(OciJson.read(json, type), RecordJson.read(json, type));
        }
    }

    @Test
    void skipsUnknownMembersAndTakesMissingOnesAsEmpty() throws IOException {
        byte[] json = """
                {"id": "%s", "extra": {"deep": [1, {"x": null}]}, "state": {"status": "running", "pid": 7}}
                """.formatted("f".repeat(64)).getBytes(StandardCharsets.UTF_8);
        ContainerRecord read = RecordJson.read(json, ContainerRecord.class);
        assertEquals("f".repeat(64), read.id());
        assertEquals(null, read.name());
        assertEquals(dev.minidocker.store.container.ContainerStatus.RUNNING, read.state().status());
        assertEquals(7, read.state().pid());
        assertEquals(0, read.state().exitCode());
    }

    @Test
    void aMemberOfTheWrongTypeIsAnError() {
        byte[] json = "{\"id\": 12}".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> RecordJson.read(json, ContainerRecord.class));
        assertEquals("unexpected VALUE_NUMBER_INT for java.lang.String at line: 1, column: 10", e.getMessage());
        assertThrows(IOException.class, () -> RecordJson.read(new byte[0], ContainerRecord.class));
        assertThrows(IOException.class, () -> RecordJson.read("{\"imageId\": \"md5:00\"}".getBytes(
                StandardCharsets.UTF_8), ContainerRecord.class));
    }
}
