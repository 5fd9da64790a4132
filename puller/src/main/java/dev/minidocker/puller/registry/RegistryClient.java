package dev.minidocker.puller.registry;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The registry API as minidocker uses it: manifests, blobs and a login check. Each method runs one small
 * call class through one {@link RegistryCaller}, which owns transport, authentication, retries and error
 * mapping. Nothing touches the network (or loads the HTTP client) before the first call. Thread-safe.
 */
public final class RegistryClient implements AutoCloseable {
    private final RegistryOptions options;
    private RegistryTransport transport;
    private RegistryCaller caller;
    /** Loopback and insecure registries that turned out to speak TLS. */
    private final java.util.Set<String> speaksTls = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RegistryClient(RegistryOptions options) {
        this.options = options;
    }

    /**
     * GETs the manifest or index of {@code ref} (tag or digest) with the full Accept list. Verifies the
     * digest when {@code ref} names one, refuses schema1, and returns the exact bytes.
     */
    public Manifests.Fetched getManifest(ImageReference ref) throws RegistryException {
        return call(ref.registry(), base -> new ManifestCall(ref, base));
    }

    /** HEADs the manifest: the Docker-Content-Digest, or empty when the registry does not send it. */
    public Optional<Digest> headManifest(ImageReference ref) throws RegistryException {
        return call(ref.registry(), base -> new ManifestHeadCall(ref, base));
    }

    /**
     * Writes the bytes of blob {@code digest} of {@code ref}'s repository from {@code offset} to the end into
     * {@code out}. Retries 5xx, resets and truncated bodies, resuming with Range after what was written; if
     * the server ignores Range, the prefix is dropped. The caller verifies the digest.
     *
     * @param size the blob's size from its descriptor, or -1 when unknown (truncation is then only seen
     *     through Content-Length)
     * @param progress receives the length of each chunk written (may be null)
     */
    public void getBlob(ImageReference ref, Digest digest, long offset, long size, OutputStream out,
            LongConsumer progress) throws RegistryException {
        if (size >= 0 && offset >= size) {
            if (offset > size) {
                throw new RegistryException("pull blob " + digest + " of " + ref.name(),
                        "offset " + offset + " is past the size " + size);
            }
            return;
        }
        LongConsumer counted = progress != null ? progress : n -> { };
        call(ref.registry(), base -> new BlobCall(ref, digest, base, offset, size, out, counted));
    }

    /**
     * Checks {@code credentials} against {@code registry} ({@code docker.io}, {@code localhost:5000}):
     * {@code GET /v2/}, then its challenge (a token fetched with the credentials, or Basic). For
     * {@code minidocker login}; nothing is saved.
     */
    public void checkLogin(String registry, Credentials credentials) throws RegistryException {
        Authenticator once = new Authenticator(r -> Optional.of(credentials), options.clock());
        RegistryCaller caller = new RegistryCaller(transport(), once, options.retry(), options.clock());
        try {
            caller.run(new PingCall(registry, base(registry)));
        } catch (TlsProbe.SpeaksTls e) {
            speaksTls.add(registry);
            caller.run(new PingCall(registry, base(registry)));
        }
    }

    /**
     * Runs a call at the registry's base URL. A loopback or insecure registry is tried over plain
     * http, as Docker does; one that answers that it speaks TLS is asked again over https (its
     * certificate verified like any other) and remembered for this client's next calls.
     */
    private <T> T call(String registry, java.util.function.Function<okhttp3.HttpUrl, RegistryCall<T>> make)
            throws RegistryException {
        try {
            return caller().run(make.apply(base(registry)));
        } catch (TlsProbe.SpeaksTls e) {
            speaksTls.add(registry);
            return caller().run(make.apply(base(registry)));
        }
    }

    private okhttp3.HttpUrl base(String registry) throws RegistryException {
        okhttp3.HttpUrl url = RegistryEndpoint.baseUrl(registry, options.insecureRegistries(), options.certsDir());
        return !url.isHttps() && speaksTls.contains(registry) ? url.newBuilder().scheme("https").build() : url;
    }

    private synchronized RegistryTransport transport() {
        if (transport == null) {
            transport = new RegistryTransport(options.certsDir());
        }
        return transport;
    }

    private synchronized RegistryCaller caller() {
        if (caller == null) {
            CredentialSource credentials = options.credentials() != null
                    ? options.credentials() : CredentialSource.ANONYMOUS;
            caller = new RegistryCaller(transport(), new Authenticator(credentials, options.clock()),
                    options.retry(), options.clock());
        }
        return caller;
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            transport.close();
        }
    }
}
