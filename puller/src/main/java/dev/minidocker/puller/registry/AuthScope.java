package dev.minidocker.puller.registry;

import dev.minidocker.store.ImageReference;

/**
 * The registry a call talks to and the token scope it needs.
 *
 * @param registry the registry as named in references ({@code docker.io}, {@code localhost:5000})
 * @param scope the scope of a bearer token ({@code repository:library/busybox:pull}), or null for none
 */
record AuthScope(String registry, String scope) {
    /** Pull access to the repository of {@code ref}. */
    static AuthScope pull(ImageReference ref) {
        return new AuthScope(ref.registry(), "repository:" + ref.repository() + ":pull");
    }
}
