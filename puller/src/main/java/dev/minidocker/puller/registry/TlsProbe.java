package dev.minidocker.puller.registry;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Tells whether a registry that minidocker would speak plain http to (loopback, or listed as
 * insecure) serves TLS instead, as Docker finds out by trying. Asking over http is the cheap way:
 * a TLS server answers a plain request with 400 and says so (Go's servers, the distribution
 * registry among them: "Client sent an HTTP request to an HTTPS server."). The TLS connection
 * that follows verifies the certificate as for any registry, so an unknown CA fails clearly.
 */
final class TlsProbe {
    private TlsProbe() {
    }

    static boolean speaksTls(RegistryTransport transport, HttpUrl plainBase) {
        HttpUrl v2 = plainBase.newBuilder().addPathSegment("v2").addPathSegment("").build();
        try (Response response = transport.execute(new Request.Builder().url(v2).get().build())) {
            if (response.code() != 400 || response.body() == null) {
                return false;
            }
            return response.body().string().contains("HTTP request to an HTTPS server");
        } catch (IOException | RegistryException e) {
            // Unreachable or broken: the real call reports it, over plain http as planned.
            return false;
        }
    }
}
