package dev.minidocker.puller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET <realm>?service=..&scope=..} on a token server, with Basic credentials when there are some
 * (anonymous otherwise). Accepts {@code token} or {@code access_token}; {@code expires_in} defaults to 60 s.
 */
final class TokenCall implements RegistryCall<BearerToken> {
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private final HttpUrl url;
    private final Credentials credentials;
    private final Clock clock;

    /**
     * @param challenge a Bearer challenge with a realm
     * @param scope the scope to ask for, or null for none (a login check)
     * @param credentials the credentials to present, or null
     */
    TokenCall(Challenge challenge, String scope, Credentials credentials, Clock clock) throws RegistryException {
        String realm = challenge.param("realm").orElse("");
        HttpUrl realmUrl = HttpUrl.parse(realm);
        if (realmUrl == null) {
            throw new RegistryException("authenticate", "bearer challenge without a usable realm: \"" + realm + "\"");
        }
        HttpUrl.Builder builder = realmUrl.newBuilder();
        challenge.param("service").ifPresent(service -> builder.addQueryParameter("service", service));
        if (scope != null) {
            builder.addQueryParameter("scope", scope);
        }
        if (credentials != null) {
            builder.addQueryParameter("account", credentials.username());
        }
        this.url = builder.build();
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String action() {
        return "fetch token from " + url.newBuilder().query(null).build();
    }

    @Override
    public AuthScope authScope() {
        return null;
    }

    @Override
    public Request request() {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        return request.build();
    }

    @Override
    public BearerToken handle(Response response) throws IOException, RegistryException {
        JsonNode json;
        try {
            json = RegistryJson.mapper().readTree(response.body().bytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RegistryException(action(), "token response is not JSON: " + e.getOriginalMessage());
        }
        String token = json.path("token").asText("");
        if (token.isEmpty()) {
            token = json.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new RegistryException(action(), "token response has neither token nor access_token");
        }
        long seconds = json.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        return new BearerToken(token, clock.instant().plus(lifetime));
    }
}
