package dev.minidocker.puller.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP clients, built on first use (building one costs start-up time that commands without network
 * should not pay). Redirects are not followed here: {@link RegistryCaller} follows them itself so that
 * credentials never go to another host. A registry with CAs in certs.d gets a client that trusts them;
 * all clients share one connection pool.
 */
final class RegistryTransport implements AutoCloseable {
    static final String USER_AGENT = "minidocker/0.1";

    private final Path certsDir;
    private final Map<String, OkHttpClient> byAuthority = new HashMap<>();
    private OkHttpClient base;

    RegistryTransport(Path certsDir) {
        this.certsDir = certsDir;
    }

    /** Sends one request and returns the response, whatever its status. */
    Response execute(Request request) throws IOException, RegistryException {
        return client(request.url()).newCall(request).execute();
    }

    private synchronized OkHttpClient client(HttpUrl url) throws RegistryException {
        if (base == null) {
            base = new OkHttpClient.Builder()
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .connectTimeout(Duration.ofSeconds(30))
                    .readTimeout(Duration.ofSeconds(60))
                    .build();
        }
        if (!url.isHttps()) {
            return base;
        }
        String authority = RegistryEndpoint.authority(url);
        OkHttpClient client = byAuthority.get(authority);
        if (client == null) {
            client = withCas(authority);
            byAuthority.put(authority, client);
        }
        return client;
    }

    private OkHttpClient withCas(String authority) throws RegistryException {
        try {
            Optional<X509TrustManager> trust = CaTrust.forRegistry(certsDir, authority);
            if (trust.isEmpty()) {
                return base;
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust.get()}, null);
            return base.newBuilder().sslSocketFactory(tls.getSocketFactory(), trust.get()).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new RegistryException("load CA certificates " + certsDir.resolve(authority), e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (base != null) {
            base.connectionPool().evictAll(); // calls here are synchronous: no dispatcher threads to stop
        }
    }
}
