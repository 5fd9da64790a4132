package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DockerJson reads and writes as Jackson's ObjectMapper does, without one. */
class DockerJsonTest {
    private static final String DOCUMENT = """
            [{"Id": "abc", "Empty": {}, "None": [], "State": {"Pid": 42, "Running": true, "Error": null,
              "Big": 12345678901234, "Huge": 123456789012345678901234567890, "Ratio": 0.5, "Exp": 1.5e300},
              "Text": "tab\\t quote\\" é \\u0001 \\ud83d\\ude00", "Cmd": ["sleep", "1000"]}]
            """;

    @Test
    void writesWhatTheObjectMapperWrites() throws IOException {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        JsonNode tree = DockerJson.read(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        assertEquals(mapper.readTree(DOCUMENT), tree);
        assertEquals(mapper.writeValueAsString(tree), DockerJson.indented(tree));
        assertEquals(mapper.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree),
                DockerJson.line(tree));
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String bad : new String[] {"", "{\"a\": 1} {}", "{\"a\": }", "[1, 2"}) {
            assertThrows(IOException.class, () -> DockerJson.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
