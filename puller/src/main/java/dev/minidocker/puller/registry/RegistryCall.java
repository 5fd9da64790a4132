package dev.minidocker.puller.registry;

import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One kind of registry request (a manifest GET, a blob GET...). A call only builds its request and reads
 * a successful response; {@link RegistryCaller} owns the transport, authentication, retries, redirects and
 * the mapping of failed statuses to {@link RegistryException}.
 *
 * @param <T> what the call returns
 */
interface RegistryCall<T> {
    /** What the call does, for messages: {@code pull manifest docker.io/library/busybox:latest}. */
    String action();

    /** Whose credentials the call needs, or null for a call that carries its own (a token request). */
    AuthScope authScope();

    /** The request, built again for every attempt so that a call can resume where the last one stopped. */
    Request request();

    /**
     * Reads a 2xx response. An IOException (a reset, a truncated body) is retried; a RegistryException
     * ends the call.
     */
    T handle(Response response) throws IOException, RegistryException;

    /** True when the attempt that just failed still moved the call forward (bytes of a blob written). */
    default boolean progressedSinceLastAttempt() {
        return false;
    }
}
