package dev.minidocker.puller.registry;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/** {@code GET /v2/}: the registry's version check, which answers 401 with its challenge when it wants auth. */
final class PingCall implements RegistryCall<Void> {
    private final String registry;
    private final HttpUrl url;

    PingCall(String registry, HttpUrl base) {
        this.registry = registry;
        this.url = base.newBuilder().addPathSegment("v2").addPathSegment("").build();
    }

    @Override
    public String action() {
        return "login " + registry;
    }

    @Override
    public AuthScope authScope() {
        return new AuthScope(registry, null);
    }

    @Override
    public Request request() {
        return new Request.Builder().url(url).get().build();
    }

    @Override
    public Void handle(Response response) {
        return null;
    }
}
