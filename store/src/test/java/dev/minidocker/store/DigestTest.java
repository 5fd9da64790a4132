package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    /** sha256 of the empty string, as every registry knows it. */
    static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void ofBytesIsTheSha256OfThem() {
        assertEquals(EMPTY, Digest.of(new byte[0]).toString());
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Digest.of("hello".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void parseKeepsTheWireForm() {
        Digest d = Digest.parse(EMPTY);
        assertEquals("sha256", d.algorithm());
        assertEquals(EMPTY.substring(7), d.hex());
        assertEquals(EMPTY, d.toString());
        assertEquals("e3b0c44298fc", d.shortHex());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:",
        "sha256:e3b0c442",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
        "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ""})
    void parseRejectsWhatIsNotASha256Digest(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
    }

    @Test
    void unsupportedAlgorithmIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Digest.parse("sha512:" + EMPTY.substring(7)));
        assertTrue(e.getMessage().contains("sha512"), e.getMessage());
    }

    @Test
    void jsonIsTheWireString() throws Exception {
        Digest d = Digest.parse(EMPTY);
        byte[] json = Json.write(List.of(d));
        assertEquals("[ \"" + EMPTY + "\" ]", new String(json, StandardCharsets.UTF_8));
        assertEquals(d, JsonObject.parse(("{\"d\": \"" + EMPTY + "\"}").getBytes(StandardCharsets.UTF_8))
                .string("d", Digest::parse));
    }

    @Test
    void jsonWithABadDigestFailsToRead() {
        JsonException e = assertThrows(JsonException.class, () -> JsonObject.parse(
                "{\"d\": \"sha256:abc\"}".getBytes(StandardCharsets.UTF_8)).string("d", Digest::parse));
        assertEquals("d: invalid sha256 digest \"abc\": want 64 lowercase hex digits", e.getMessage());
    }
}
