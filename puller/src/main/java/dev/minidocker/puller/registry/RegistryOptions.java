package dev.minidocker.puller.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * How a {@link RegistryClient} reaches registries.
 *
 * @param insecureRegistries registries spoken to over plain http, as {@code host} or {@code host:port}
 *     (localhost, 127.0.0.0/8 and ::1 always are)
 * @param certsDir Docker's certs.d layout: {@code <certsDir>/<host:port>/*.crt} are extra CAs for that registry
 * @param credentials where user names and passwords come from, or null to pull anonymously
 * @param retry how failed calls are retried
 * @param clock the clock that ages bearer tokens
 */
public record RegistryOptions(
        Set<String> insecureRegistries, Path certsDir, CredentialStore credentials, RetryPolicy retry, Clock clock) {
    public static final Path DEFAULT_CERTS_DIR = Path.of("/etc/minidocker/certs.d");

    public RegistryOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
        if (retry == null) {
            retry = RetryPolicy.DEFAULT;
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    /** Options with the given credentials, the default certs.d, the default retries and no insecure registry. */
    public static RegistryOptions defaults(CredentialStore credentials) {
        return new RegistryOptions(Set.of(), DEFAULT_CERTS_DIR, credentials, RetryPolicy.DEFAULT, Clock.systemUTC());
    }

    public RegistryOptions withInsecureRegistries(Set<String> registries) {
        return new RegistryOptions(registries, certsDir, credentials, retry, clock);
    }

    public RegistryOptions withRetry(RetryPolicy policy) {
        return new RegistryOptions(insecureRegistries, certsDir, credentials, policy, clock);
    }

    public RegistryOptions withClock(Clock newClock) {
        return new RegistryOptions(insecureRegistries, certsDir, credentials, retry, newClock);
    }
}
