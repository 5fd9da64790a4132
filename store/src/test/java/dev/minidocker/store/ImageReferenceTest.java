package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** Docker's normalisation table: what is typed, the full reference, registry, repository. */
    @ParameterizedTest
    @CsvSource({
        "busybox,                      docker.io/library/busybox:latest,    docker.io,       library/busybox",
        "busybox:1.36,                 docker.io/library/busybox:1.36,      docker.io,       library/busybox",
        "user/app,                     docker.io/user/app:latest,           docker.io,       user/app",
        "docker.io/library/busybox,    docker.io/library/busybox:latest,    docker.io,       library/busybox",
        "index.docker.io/x,            docker.io/library/x:latest,          docker.io,       library/x",
        "index.docker.io/user/x:v1,    docker.io/user/x:v1,                 docker.io,       user/x",
        "localhost:5000/a/b:t,         localhost:5000/a/b:t,                localhost:5000,  a/b",
        "localhost/x,                  localhost/x:latest,                  localhost,       x",
        "host.example/x,               host.example/x:latest,               host.example,    x",
        "Host/x,                       Host/x:latest,                       Host,            x",
        "ghcr.io/o/r/deep-name__x.y,   ghcr.io/o/r/deep-name__x.y:latest,   ghcr.io,         o/r/deep-name__x.y",
        "localhost:5000,               docker.io/library/localhost:5000,    docker.io,       library/localhost",
    })
    void normalisesAsDocker(String typed, String full, String registry, String repository) {
        ImageReference ref = ImageReference.parse(typed);
        assertEquals(full, ref.toString());
        assertEquals(registry, ref.registry());
        assertEquals(repository, ref.repository());
    }

    @Test
    void digestWinsAndTheTagIsDropped() {
        ImageReference byDigest = ImageReference.parse("busybox@" + DIGEST);
        assertEquals("docker.io/library/busybox@" + DIGEST, byDigest.toString());
        assertNull(byDigest.tag());
        assertEquals(DIGEST, byDigest.manifestReference());

        ImageReference both = ImageReference.parse("busybox:1.36@" + DIGEST);
        assertEquals(byDigest, both);
        assertNull(both.tag());
    }

    @Test
    void manifestReferenceIsTheTagWithoutADigest() {
        assertEquals("1.36", ImageReference.parse("busybox:1.36").manifestReference());
    }

    @Test
    void withDigestKeepsTheRepository() {
        ImageReference ref = ImageReference.parse("localhost:5000/a/b:t").withDigest(Digest.parse(DIGEST));
        assertEquals("localhost:5000/a/b@" + DIGEST, ref.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "busybox,                  busybox",
        "busybox:1.36,             busybox",
        "user/app,                 user/app",
        "library/a/b,              library/a/b",
        "localhost:5000/a/b:t,     localhost:5000/a/b",
        "index.docker.io/x,        x",
        // Found by ImageReferenceFuzzTest: shown as Docker shows it, though it reads back as registry a.b.
        "docker.io/a.b/c,          a.b/c",
    })
    void familiarNameIsWhatDockerShows(String typed, String familiar) {
        assertEquals(familiar, ImageReference.parse(typed).familiarName());
    }

    @Test
    void dockerHubIsServedByRegistry1() {
        assertEquals("registry-1.docker.io", ImageReference.parse("busybox").apiHost());
        assertEquals("registry-1.docker.io", ImageReference.parse("index.docker.io/user/app").apiHost());
        assertEquals("localhost:5000", ImageReference.parse("localhost:5000/a").apiHost());
        assertEquals("docker.io/library/busybox", ImageReference.parse("busybox").name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox:-x              | invalid tag \"-x\"",
        "busybox:.x              | invalid tag \".x\"",
        "busybox:a+b             | invalid tag \"a+b\"",
        "busybox:                | invalid tag \"\"",
        "Busybox                 | invalid repository name \"library/Busybox\" (repository names must be lowercase)",
        "user/App:1              | invalid repository name \"user/App\" (repository names must be lowercase)",
        "user//app               | invalid repository name \"user//app\"",
        "user/app-               | invalid repository name \"user/app-\"",
        "busybox@sha256:abc      | invalid sha256 digest \"abc\"",
        "busybox@latest          | invalid digest \"latest\"",
        "ho_st.example/x         | invalid registry \"ho_st.example\"",
    })
    void errorsNameTheWrongPart(String typed, String detail) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(typed));
        assertTrue(e.getMessage().startsWith("invalid reference \"" + typed + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void emptyIsRefused() {
        for (String empty : new String[] {"", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageReference.parse(empty));
            assertEquals("invalid reference format: empty image name", e.getMessage());
        }
    }

    @Test
    void tagsAreAtMost128Characters() {
        assertEquals("a".repeat(128), ImageReference.parse("busybox:" + "a".repeat(128)).tag());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("busybox:" + "a".repeat(129)));
    }

    @Test
    void nameIsAtMost255CharactersAfterNormalisation() {
        // docker.io/ is 10 characters, so a 245-character path fills the 255 exactly.
        String longest = "a/" + "b".repeat(243);
        assertEquals(255, ImageReference.parse(longest).name().length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse(longest + "b"));
        assertTrue(e.getMessage().contains("longer than 255 characters"), e.getMessage());
        // A single component gains library/, which counts too.
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("c".repeat(240)));
    }

    /** Found by ImageReferenceFuzzTest: the patterns recursed once per component, to a StackOverflowError. */
    @Test
    void aNameOfManyComponentsIsRefusedAsTooLong() {
        for (String typed : new String[] {"a" + "-a".repeat(100_000), "a" + ".a".repeat(100_000) + "/x",
                "x/" + "a/".repeat(50_000) + "a"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(typed));
            assertTrue(e.getMessage().endsWith("repository name longer than 255 characters"));
        }
    }
}
