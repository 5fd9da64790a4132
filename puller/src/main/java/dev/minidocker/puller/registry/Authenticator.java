package dev.minidocker.puller.registry;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Authorization header of each registry call. It learns each registry's challenge from its first 401,
 * then answers Basic with the stored credentials or Bearer with a token fetched from the realm and cached
 * per (realm, service, scope) until it expires. A later 401 drops the cached token so that the next
 * attempt fetches a fresh one. Safe for concurrent calls.
 */
final class Authenticator {
    /** Runs a token call through the caller, with its transport and retries. */
    @FunctionalInterface
    interface TokenFetcher {
        BearerToken fetch(TokenCall call) throws RegistryException;
    }

    private record TokenKey(String realm, String service, String scope) {
    }

    private final CredentialSource credentials;
    private final Clock clock;
    private final Map<String, Challenge> challenges = new HashMap<>();
    private final Map<TokenKey, BearerToken> tokens = new HashMap<>();
    private final Map<String, Optional<Credentials>> known = new HashMap<>();

    Authenticator(CredentialSource credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The Authorization header for a call in {@code scope}, or null while the registry has not asked for one. */
    synchronized String authorization(AuthScope scope, TokenFetcher fetcher) throws RegistryException {
        Challenge challenge = challenges.get(scope.registry());
        if (challenge == null) {
            return null;
        }
        Optional<Credentials> creds = credentialsFor(scope.registry());
        if (challenge.isBasic()) {
            return creds.map(Credentials::basicAuthorization).orElse(null);
        }
        TokenKey key = keyOf(challenge, scope);
        BearerToken token = tokens.get(key);
        if (token == null || !token.isValidAt(clock.instant())) {
            token = fetcher.fetch(new TokenCall(challenge, key.scope(), creds.orElse(null), clock));
            tokens.put(key, token);
        }
        return token.authorization();
    }

    /**
     * Takes in the {@code WWW-Authenticate} values of a 401: remembers the challenge (Bearer preferred)
     * and forgets the token that was refused (not one that another call fetched since). Throws when the
     * next attempt cannot do better.
     *
     * @param refused the Authorization header the 401 answered, or null
     */
    synchronized void challenged(AuthScope scope, List<String> headerValues, String refused, String action)
            throws RegistryException {
        List<Challenge> offered = Challenge.parseAll(headerValues);
        Challenge challenge = offered.stream().filter(Challenge::isBearer)
                .filter(c -> c.param("realm").isPresent()).findFirst()
                .or(() -> offered.stream().filter(Challenge::isBasic).findFirst())
                .orElse(null);
        if (challenge == null) {
            String why = headerValues.isEmpty() ? "no WWW-Authenticate challenge"
                    : "unsupported challenge \"" + String.join(", ", headerValues) + "\"";
            throw new RegistryException(action, "unauthorized: authentication required (" + why + ")", 401, null);
        }
        if (challenge.isBasic() && credentialsFor(scope.registry()).isEmpty()) {
            throw new RegistryException(action, "unauthorized: authentication required", 401, null);
        }
        challenges.put(scope.registry(), challenge);
        if (challenge.isBearer()) {
            TokenKey key = keyOf(challenge, scope);
            BearerToken cached = tokens.get(key);
            if (cached != null && cached.authorization().equals(refused)) {
                tokens.remove(key);
            }
        }
    }

    private TokenKey keyOf(Challenge challenge, AuthScope scope) {
        String wanted = scope.scope() != null ? scope.scope() : challenge.param("scope").orElse(null);
        return new TokenKey(challenge.param("realm").orElseThrow(), challenge.param("service").orElse(null), wanted);
    }

    private Optional<Credentials> credentialsFor(String registry) throws RegistryException {
        Optional<Credentials> creds = known.get(registry);
        if (creds == null) {
            creds = credentials.lookup(registry);
            known.put(registry, creds);
        }
        return creds;
    }
}
