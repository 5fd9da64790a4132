package dev.minidocker.puller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.store.Digest;
import dev.minidocker.store.oci.Descriptor;
import dev.minidocker.store.oci.ImageIndex;
import dev.minidocker.store.oci.MediaTypes;
import dev.minidocker.store.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {
    private static final String SUBJECT = "docker.io/library/busybox:latest";
    /** As some indexes list arm64: no variant ({@link Platform#parse} would add v8). */
    private static final Descriptor ARM64_NO_VARIANT = new Descriptor(MediaTypes.OCI_MANIFEST,
            Digest.of(new byte[1]), 1, null, null, new Platform("linux", "arm64", null));

    private static ImageIndex canned(String name) throws IOException {
        try (InputStream in = PlatformSelectorTest.class.getResourceAsStream("/oci/" + name)) {
            return JsonObject.read(in.readAllBytes(), ImageIndex::fromJson);
        }
    }

    private static Descriptor entry(String mediaType, String platform, Map<String, String> annotations) {
        Platform p = platform == null ? null : Platform.parse(platform);
        Digest digest = Digest.of((mediaType + platform + annotations).getBytes(StandardCharsets.UTF_8));
        return new Descriptor(mediaType, digest, 500, null, annotations, p);
    }

    private static Descriptor manifest(String platform) {
        return entry(MediaTypes.OCI_MANIFEST, platform, null);
    }

    private static ImageIndex index(Descriptor... entries) {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, List.of(entries));
    }

    private static Descriptor select(ImageIndex index, String platform) throws PullException {
        return PlatformSelector.select(index, Platform.parse(platform), SUBJECT);
    }

    @Test
    void picksAmd64FromARealIndex() throws Exception {
        ImageIndex index = canned("oci-index.json");
        assertEquals(index.manifests().get(0), select(index, "linux/amd64"));
        assertEquals(index.manifests().get(2), select(index, "linux/arm/v7"));
    }

    @Test
    void arm64WithOrWithoutVariantPicksV8() throws Exception {
        ImageIndex index = canned("oci-index.json");
        assertEquals(index.manifests().get(1), select(index, "linux/arm64"));
        assertEquals(index.manifests().get(1), select(index, "linux/arm64/v8"));
        ImageIndex list = canned("docker-manifest-list.json");
        assertEquals(list.manifests().get(2), select(list, "arm64"));
    }

    @Test
    void arm64EntryWithoutVariantIsV8() throws Exception {
        assertEquals(ARM64_NO_VARIANT, select(index(manifest("linux/amd64"), ARM64_NO_VARIANT), "linux/arm64"));
    }

    @Test
    void anExactVariantBeatsAnEntryWithoutOne() throws Exception {
        Descriptor v8 = manifest("linux/arm64/v8");
        assertEquals(v8, select(index(ARM64_NO_VARIANT, v8), "linux/arm64"));
    }

    @Test
    void skipsAttestationsEvenWhenTheirPlatformMatches() throws Exception {
        Descriptor attestation = entry(MediaTypes.OCI_MANIFEST, "linux/amd64",
                Map.of("vnd.docker.reference.type", "attestation-manifest"));
        Descriptor image = manifest("linux/amd64");
        assertEquals(image, select(index(attestation, image), "linux/amd64"));
    }

    @Test
    void skipsEntriesOfUnknownMediaTypes() throws Exception {
        Descriptor foreign = entry("application/vnd.example.sbom+json", "linux/amd64", null);
        Descriptor schema1 = entry(MediaTypes.DOCKER_SCHEMA1_SIGNED, "linux/amd64", null);
        Descriptor image = entry(MediaTypes.DOCKER_MANIFEST, "linux/amd64", null);
        assertEquals(image, select(index(foreign, schema1, image), "linux/amd64"));
    }

    @Test
    void fallsBackToANestedIndexWithoutAPlatform() throws Exception {
        Descriptor nested = entry(MediaTypes.OCI_INDEX, null, null);
        assertEquals(nested, select(index(manifest("linux/arm/v7"), nested), "linux/amd64"));
        Descriptor matching = manifest("linux/amd64");
        assertEquals(matching, select(index(nested, matching), "linux/amd64"), "a match beats the nested index");
    }

    @Test
    void aManifestWithoutAPlatformIsNotAFallback() {
        Descriptor noPlatform = entry(MediaTypes.OCI_MANIFEST, null, null);
        assertThrows(PullException.class, () -> select(index(noPlatform), "linux/amd64"));
    }

    @Test
    void noMatchListsTheAvailablePlatforms() throws Exception {
        PullException e = assertThrows(PullException.class, () -> select(canned("oci-index.json"), "linux/s390x"));
        assertEquals("pull " + SUBJECT + ": no matching manifest for linux/s390x in the manifest list entries"
                + " (the image has linux/amd64, linux/arm64/v8, linux/arm/v7)", e.getMessage());
    }

    @Test
    void noMatchInAnEmptyIndexSaysNoMore() {
        PullException e = assertThrows(PullException.class, () -> select(index(), "linux/amd64"));
        assertEquals("pull " + SUBJECT + ": no matching manifest for linux/amd64 in the manifest list entries",
                e.getMessage());
    }

    @Test
    void windowsIsNotLinux() {
        PullException e = assertThrows(PullException.class,
                () -> select(index(manifest("windows/amd64")), "linux/amd64"));
        assertEquals("pull " + SUBJECT + ": no matching manifest for linux/amd64 in the manifest list entries"
                + " (the image has windows/amd64)", e.getMessage());
    }
}
