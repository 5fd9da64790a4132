package dev.minidocker.launcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void aPluginResultReadsAsPlainValues() {
        Map<String, Object> result = Json.parseObject("""
                {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"c2:da:7d:75:a4:bc","sandbox":"/proc/1/ns/net"}],
                 "ips":[{"interface":0,"address":"10.213.0.2/24","gateway":"10.213.0.1"}],"dns":{},"x":[true,false,null,-1.5e3]}
                """);
        assertEquals("1.0.0", result.get("cniVersion"));
        assertEquals(0L, Json.object(Json.array(result.get("ips")).getFirst()).get("interface"));
        assertEquals(List.of(true, false, -1500.0), Json.array(result.get("x")).stream().filter(v -> v != null).toList());
        assertEquals(Map.of(), result.get("dns"));
    }

    @Test
    void writesWhatItReads() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        value.put("n", 42L);
        value.put("list", List.of(1L, "two", Map.of()));
        value.put("none", null);
        for (boolean pretty : new boolean[] {false, true}) {
            assertEquals(value, Json.parse(Json.write(value, pretty)));
        }
        assertEquals("{\"a\":[1,2]}", Json.write(Map.of("a", List.of(1L, 2L)), false));
        assertEquals("{\n  \"a\": [\n    1\n  ]\n}", Json.write(Map.of("a", List.of(1L)), true));
    }

    @Test
    void refusesBrokenText() {
        for (String bad : new String[] {"{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "[" .repeat(100)}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
