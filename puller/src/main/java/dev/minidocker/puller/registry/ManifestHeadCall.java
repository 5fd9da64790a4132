package dev.minidocker.puller.registry;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/** {@code HEAD /v2/<name>/manifests/<ref>}: the Docker-Content-Digest, which Docker Hub does not count as a pull. */
final class ManifestHeadCall implements RegistryCall<Optional<Digest>> {
    private final ImageReference ref;
    private final HttpUrl url;

    ManifestHeadCall(ImageReference ref, HttpUrl base) {
        this.ref = ref;
        this.url = Manifests.url(base, ref);
    }

    @Override
    public String action() {
        return "check manifest " + ref;
    }

    @Override
    public AuthScope authScope() {
        return AuthScope.pull(ref);
    }

    @Override
    public Request request() {
        return new Request.Builder().url(url).header("Accept", Manifests.ACCEPT).head().build();
    }

    /** The digest header, or empty when it is missing or malformed (the caller then GETs and hashes). */
    @Override
    public Optional<Digest> handle(Response response) {
        String header = response.header("Docker-Content-Digest");
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(header.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
