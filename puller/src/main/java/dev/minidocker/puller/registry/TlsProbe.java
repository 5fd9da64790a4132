package dev.minidocker.puller.registry;

import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Tells a registry that minidocker spoke plain http to (loopback, or listed as insecure) but that
 * serves TLS, as Docker finds out by trying: a TLS server answers a plain request with 400 and says
 * so (Go's servers, the distribution registry among them: "Client sent an HTTP request to an HTTPS
 * server."). The call is then made again over https, with the certificate verified like any other.
 */
final class TlsProbe {
    private static final String PHRASE = "HTTP request to an HTTPS server";

    private TlsProbe() {
    }

    /** Thrown by the caller when the registry turned out to speak TLS: the client asks again over https. */
    static final class SpeaksTls extends RegistryException {
        SpeaksTls(String action) {
            super(action, "the registry speaks https");
        }
    }

    static boolean isTlsServerRefusingHttp(Request request, Response response) {
        if (request.url().isHttps() || response.code() != 400 || response.body() == null) {
            return false;
        }
        try {
            return response.peekBody(512).string().contains(PHRASE);
        } catch (IOException e) {
            return false;
        }
    }
}
