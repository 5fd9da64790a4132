package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * References as users type them (seeds in {@code ImageReferenceFuzzTestInputs/parse/}): a
 * reference is refused with IllegalArgumentException and nothing else, and one that is accepted
 * is normal, reads back as itself from its wire form and is no longer than a registry takes.
 */
class ImageReferenceFuzzTest {
    /** Docker's limit on registry/repository, plus ":" and a 128-character tag or "@" and a digest. */
    private static final int LONGEST = 255 + Math.max(1 + 128, 1 + 71);

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ImageReference ref;
        try {
            ref = ImageReference.parse(text);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("invalid reference"), refused.getMessage());
            return;
        }
        String wire = ref.toString();
        assertEquals(ref, ImageReference.parse(wire), "the wire form reads back as the reference");
        assertTrue(wire.length() <= LONGEST, () -> "too long: " + wire.length());
        assertTrue(wire.chars().allMatch(c -> c > ' ' && c < 0x7f), () -> "not printable ASCII: " + wire);
        // As Docker's: docker.io/a.b/c is shown a.b/c, which reads as registry a.b (Docker Hub has no such name).
        String first = ref.familiarName().split("/")[0];
        if (!ref.familiarName().equals(ref.name()) && !first.contains(".") && !first.equals("localhost")) {
            String familiar = ref.familiarName() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag());
            assertEquals(ref, ImageReference.parse(familiar), "the familiar name reads back as the reference");
        }
    }
}
