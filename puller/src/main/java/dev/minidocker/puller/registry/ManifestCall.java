package dev.minidocker.puller.registry;

import dev.minidocker.store.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/** {@code GET /v2/<name>/manifests/<ref>} with the full Accept list; returns the verified bytes. */
final class ManifestCall implements RegistryCall<Manifests.Fetched> {
    private final ImageReference ref;
    private final HttpUrl url;

    ManifestCall(ImageReference ref, HttpUrl base) {
        this.ref = ref;
        this.url = Manifests.url(base, ref);
    }

    @Override
    public String action() {
        return "pull manifest " + ref;
    }

    @Override
    public AuthScope authScope() {
        return AuthScope.pull(ref);
    }

    @Override
    public Request request() {
        return new Request.Builder().url(url).header("Accept", Manifests.ACCEPT).get().build();
    }

    @Override
    public Manifests.Fetched handle(Response response) throws IOException, RegistryException {
        byte[] body;
        try (InputStream in = response.body().byteStream()) {
            body = in.readNBytes(Manifests.MAX_BYTES + 1);
        }
        if (body.length > Manifests.MAX_BYTES) {
            throw new RegistryException(action(), "manifest larger than " + Manifests.MAX_BYTES + " bytes");
        }
        return Manifests.verify(action(), ref, body, response.header("Content-Type"));
    }
}
