package dev.minidocker.puller.registry;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs {@link RegistryCall}s: adds credentials, answers a 401 by authenticating and trying again (once per
 * 401), follows redirects without sending credentials to another host, retries 5xx, 429 and broken
 * connections with backoff, and turns every other failure into a {@link RegistryException}.
 */
final class RegistryCaller {
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final RegistryTransport transport;
    private final Authenticator auth;
    private final RetryPolicy retry;
    private final Clock clock;

    RegistryCaller(RegistryTransport transport, Authenticator auth, RetryPolicy retry, Clock clock) {
        this.transport = transport;
        this.auth = auth;
        this.retry = retry;
        this.clock = clock;
    }

    <T> T run(RegistryCall<T> call) throws RegistryException {
        int failures = 0;
        boolean reauthenticated = false;
        while (true) {
            Request request = authorized(call);
            Duration pause;
            try (Response response = send(request)) {
                if (response.isSuccessful()) {
                    return call.handle(response);
                }
                boolean fromRegistry = sameOrigin(response.request().url(), request.url());
                if (response.code() == 401 && call.authScope() != null && fromRegistry && !reauthenticated) {
                    auth.challenged(call.authScope(), response.headers("WWW-Authenticate"),
                            request.header("Authorization"), call.action());
                    reauthenticated = true;
                    continue;
                }
                reauthenticated = false;
                if (TlsProbe.isTlsServerRefusingHttp(request, response)) {
                    throw new TlsProbe.SpeaksTls(call.action());
                }
                RegistryException failure = failure(call.action(), response);
                pause = ++failures < retry.maxAttempts() ? retryPause(response, failures) : null;
                if (pause == null) {
                    throw failure;
                }
            } catch (IOException e) {
                failures = call.progressedSinceLastAttempt() ? 1 : failures + 1;
                if (failures >= retry.maxAttempts()) {
                    throw new RegistryException(call.action(), describe(request, e), e);
                }
                pause = retry.backoff(failures);
            }
            sleep(pause, call.action());
        }
    }

    private Request authorized(RegistryCall<?> call) throws RegistryException {
        Request.Builder request = call.request().newBuilder().header("User-Agent", RegistryTransport.USER_AGENT);
        if (call.authScope() != null) {
            String authorization;
            try {
                authorization = auth.authorization(call.authScope(), this::run);
            } catch (RegistryException e) {
                throw e.action().equals(call.action()) ? e : e.during(call.action());
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
        }
        return request.build();
    }

    /** Sends the request, following redirects; Authorization is dropped as soon as the origin changes. */
    private Response send(Request request) throws IOException, RegistryException {
        Request current = request;
        for (int hop = 0; ; hop++) {
            Response response = transport.execute(current);
            String location = response.header("Location");
            HttpUrl next = location == null ? null : current.url().resolve(location);
            if (!response.isRedirect() || next == null || hop == MAX_REDIRECTS) {
                return response;
            }
            response.close();
            Request.Builder redirected = current.newBuilder().url(next);
            if (!sameOrigin(next, current.url())) {
                redirected.removeHeader("Authorization");
            }
            current = redirected.build();
        }
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
    }

    /** How long to wait before retrying this failed response, or null when it is not worth retrying. */
    private Duration retryPause(Response response, int failures) {
        int status = response.code();
        if (status == 429) {
            Duration asked = retryAfter(response.header("Retry-After"));
            if (asked == null) {
                return retry.backoff(failures);
            }
            return asked.compareTo(retry.maxWait()) <= 0 ? asked : null;
        }
        boolean transientServerError = status >= 500 && status != 501 && status != 505;
        return transientServerError ? retry.backoff(failures) : null;
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** The exception for a failed response: its status and the registry's error codes and messages. */
    private static RegistryException failure(String action, Response response) {
        List<RegistryError> errors = RegistryError.parse(errorBody(response));
        String detail = RegistryError.describe(errors, response.code(), response.message());
        String code = errors.isEmpty() ? null : errors.getFirst().code();
        return new RegistryException(action, detail, response.code(), code);
    }

    private static byte[] errorBody(Response response) {
        try (InputStream in = response.body().byteStream()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String describe(Request request, IOException e) {
        String url = request.url().newBuilder().query(null).build().toString();
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof javax.net.ssl.SSLHandshakeException && why.contains("PKIX")) {
            // The JDK's words name its classes; say it as Docker does, and what to do.
            why = "x509: certificate signed by unknown authority (put the registry's CA in "
                    + "<certs dir>/" + request.url().host() + ":" + request.url().port() + "/ca.crt)";
        }
        return request.method() + " " + url + ": " + why;
    }

    private static void sleep(Duration pause, String action) throws RegistryException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(action, "interrupted", e);
        }
    }
}
