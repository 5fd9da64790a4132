package dev.minidocker.puller.registry;

import java.util.Optional;

/** Where the credentials of a registry come from: the Docker config, or those typed at {@code login}. */
@FunctionalInterface
interface CredentialSource {
    CredentialSource ANONYMOUS = registry -> Optional.empty();

    Optional<Credentials> lookup(String registry) throws RegistryException;
}
