package dev.minidocker.puller.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.oci.MediaTypes;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/** What the manifest calls share: the URL, the Accept list, and the checks of a fetched manifest. */
public final class Manifests {
    /**
     * A manifest or index as the registry sent it.
     *
     * @param body the exact bytes (their digest is the manifest's digest)
     * @param mediaType one of the OCI and Docker schema2 manifest and index types
     * @param digest the sha256 of {@code body}
     */
    public record Fetched(byte[] body, String mediaType, Digest digest) {
    }

    /** Everything minidocker reads; a registry answers 404 for an OCI manifest without the OCI types. */
    static final List<String> ACCEPTED = List.of(
            MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST);
    static final String ACCEPT = String.join(", ", ACCEPTED);
    /** containerd's limit: no real manifest comes close. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private Manifests() {
    }

    /** {@code <base>/v2/<repository>/manifests/<tag or digest>}. */
    static HttpUrl url(HttpUrl base, ImageReference ref) {
        return base.newBuilder().addPathSegment("v2").addPathSegments(ref.repository())
                .addPathSegment("manifests").addPathSegment(ref.manifestReference()).build();
    }

    /**
     * Checks a fetched manifest: the digest asked for (when the reference names one), no schema1, and a
     * Content-Type (parameters ignored) that the body's {@code mediaType} does not contradict.
     */
    static Fetched verify(String action, ImageReference ref, byte[] body, String contentType)
            throws RegistryException {
        Digest digest = Digest.of(body);
        if (ref.digest() != null && !ref.digest().equals(digest)) {
            throw new RegistryException(action, "digest mismatch, got " + digest);
        }
        String declared = withoutParameters(contentType);
        JsonNode json = parse(action, body);
        String inBody = json.path("mediaType").asText("");
        if (MediaTypes.SCHEMA1.contains(declared) || MediaTypes.SCHEMA1.contains(inBody)
                || json.path("schemaVersion").asInt(0) == 1) {
            throw new RegistryException(action, "image manifest schema 1 is not supported (Docker removed it);"
                    + " ask the image's publisher to push it as OCI or Docker schema 2");
        }
        String type;
        if (ACCEPTED.contains(declared)) {
            if (!inBody.isEmpty() && !inBody.equals(declared)) {
                throw new RegistryException(action, "Content-Type " + declared
                        + " disagrees with the manifest's mediaType " + inBody);
            }
            type = declared;
        } else if (ACCEPTED.contains(inBody)) {
            type = inBody;
        } else if (inBody.isEmpty() && json.has("manifests")) {
            type = MediaTypes.OCI_INDEX;
        } else if (inBody.isEmpty() && json.has("config") && json.has("layers")) {
            type = MediaTypes.OCI_MANIFEST;
        } else {
            String shown = inBody.isEmpty() ? declared : inBody;
            throw new RegistryException(action, "unsupported manifest media type \"" + shown + "\"");
        }
        return new Fetched(body, type, digest);
    }

    private static String withoutParameters(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode parse(String action, byte[] body) throws RegistryException {
        try {
            JsonNode json = RegistryJson.mapper().readTree(body);
            if (json == null || !json.isObject()) {
                throw new RegistryException(action, "manifest is not a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new RegistryException(action, "manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RegistryException(action, "read manifest: " + e.getMessage(), e);
        }
    }
}
