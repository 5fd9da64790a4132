package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientBlobTest {
    private static final byte[] BLOB = blob(100_000);
    private static final Digest DIGEST = Digest.of(BLOB);

    private MockRegistry registry;
    private RegistryClient client;
    private ImageReference ref;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicLong progress = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        registry = new MockRegistry();
        client = registry.anonymousClient();
        ref = registry.ref("library/busybox:latest");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private static byte[] blob(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }

    private static MockResponse whole(byte[] bytes) {
        return new MockResponse.Builder().code(200).body(new Buffer().write(bytes)).build();
    }

    private static MockResponse range(int from) {
        return new MockResponse.Builder().code(206)
                .addHeader("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length)
                .body(new Buffer().write(Arrays.copyOfRange(BLOB, from, BLOB.length))).build();
    }

    /** The whole blob announced, but the connection closes halfway through the body. */
    private static MockResponse truncated(MockResponse.Builder response) {
        return response.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    private void pull(long offset) throws RegistryException {
        client.getBlob(ref, DIGEST, offset, BLOB.length, out, progress::addAndGet);
    }

    @Test
    void writesTheWholeBlob() throws Exception {
        registry.enqueue(whole(BLOB));

        pull(0);

        assertArrayEquals(BLOB, out.toByteArray());
        assertEquals(BLOB.length, progress.get());
        RecordedRequest request = registry.take();
        assertEquals("/v2/library/busybox/blobs/" + DIGEST, request.getUrl().encodedPath());
        assertNull(request.getHeaders().get("Range"));
    }

    @Test
    void startsAtTheOffsetWithRange() throws Exception {
        registry.enqueue(range(60_000));

        pull(60_000);

        assertArrayEquals(Arrays.copyOfRange(BLOB, 60_000, BLOB.length), out.toByteArray());
        assertEquals("bytes=60000-", registry.take().getHeaders().get("Range"));
    }

    @Test
    void truncatedBodyIsResumedWithRange() throws Exception {
        registry.enqueue(truncated(new MockResponse.Builder().code(200).body(new Buffer().write(BLOB))));
        registry.enqueue(new MockResponse.Builder().code(206).build()); // replaced below once we know the offset
        registry.server.setDispatcher(new ResumingDispatcher(registry.server.getDispatcher()));

        pull(0);

        assertArrayEquals(BLOB, out.toByteArray());
        assertEquals(BLOB.length, progress.get());
        assertNull(registry.take().getHeaders().get("Range"));
        String resume = registry.take().getHeaders().get("Range");
        long written = Long.parseLong(resume.substring("bytes=".length(), resume.length() - 1));
        assertTrue(written > 0 && written < BLOB.length, resume);
    }

    @Test
    void serverIgnoringRangeHasThePrefixDropped() throws Exception {
        registry.enqueue(whole(BLOB));

        pull(40_000);

        assertArrayEquals(Arrays.copyOfRange(BLOB, 40_000, BLOB.length), out.toByteArray());
        assertEquals(BLOB.length - 40_000, progress.get());
        assertEquals("bytes=40000-", registry.take().getHeaders().get("Range"));
    }

    @Test
    void truncatedThenRangeIgnoredStillWritesEachByteOnce() throws Exception {
        registry.enqueue(truncated(new MockResponse.Builder().code(200).body(new Buffer().write(BLOB))));
        registry.enqueue(whole(BLOB));

        pull(0);

        assertArrayEquals(BLOB, out.toByteArray());
        assertEquals(BLOB.length, progress.get());
        registry.take();
        assertTrue(registry.take().getHeaders().get("Range").startsWith("bytes="));
    }

    @Test
    void serverErrorThenSuccess() throws Exception {
        registry.enqueue(503, "");
        registry.enqueue(whole(BLOB));

        pull(0);

        assertArrayEquals(BLOB, out.toByteArray());
    }

    @Test
    void blobUnknownIsNotRetried() {
        registry.enqueue(404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}");

        RegistryException e = assertThrows(RegistryException.class, () -> pull(0));

        assertEquals("pull blob " + DIGEST + " of " + ref.name() + ": blob unknown: blob unknown to registry",
                e.getMessage());
        assertTrue(e.isNotFound());
        assertEquals(1, registry.server.getRequestCount());
    }

    @Test
    void redirectToAnotherHostDropsTheAuthorization() throws Exception {
        try (MockWebServer storage = new MockWebServer()) {
            storage.start();
            String elsewhere = storage.url("/signed/blob?X-Amz-Signature=abc").toString()
                    .replace("localhost", "127.0.0.1");
            registry.enqueueBearerChallenge("repository:library/busybox:pull");
            registry.enqueueToken("token", "secret-token", 300);
            registry.enqueue(new MockResponse.Builder().code(307).addHeader("Location", elsewhere).build());
            storage.enqueue(whole(BLOB));

            pull(0);

            assertArrayEquals(BLOB, out.toByteArray());
            registry.take(); // the 401
            registry.take(); // the token
            assertEquals("Bearer secret-token", registry.take().getHeaders().get("Authorization"));
            RecordedRequest atStorage = storage.takeRequest();
            assertEquals("/signed/blob?X-Amz-Signature=abc", atStorage.getTarget());
            assertNull(atStorage.getHeaders().get("Authorization"));
        }
    }

    @Test
    void sameHostRedirectKeepsTheAuthorization() throws Exception {
        registry.enqueueBearerChallenge("repository:library/busybox:pull");
        registry.enqueueToken("token", "secret-token", 300);
        registry.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere/blob").build());
        registry.enqueue(whole(BLOB));

        pull(0);

        registry.take();
        registry.take();
        registry.take();
        RecordedRequest redirected = registry.take();
        assertEquals("/elsewhere/blob", redirected.getTarget());
        assertEquals("Bearer secret-token", redirected.getHeaders().get("Authorization"));
    }

    @Test
    void writeFailuresAreNotRetried() {
        registry.enqueue(whole(BLOB));
        registry.enqueue(whole(BLOB));
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        RegistryException e = assertThrows(RegistryException.class,
                () -> client.getBlob(ref, DIGEST, 0, BLOB.length, full, n -> { }));

        assertEquals("write: No space left on device", e.detail());
        assertEquals(1, registry.server.getRequestCount());
    }

    @Test
    void nothingToFetchAtTheEnd() throws Exception {
        pull(BLOB.length);

        assertEquals(0, out.size());
        assertEquals(0, registry.server.getRequestCount());
    }

    /** Answers the second request with the range it asks for. */
    private static final class ResumingDispatcher extends mockwebserver3.Dispatcher {
        private final mockwebserver3.Dispatcher queue;

        ResumingDispatcher(mockwebserver3.Dispatcher queue) {
            this.queue = queue;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            MockResponse queued = queue.dispatch(request);
            String asked = request.getHeaders().get("Range");
            if (asked == null) {
                return queued;
            }
            return range(Integer.parseInt(asked.substring("bytes=".length(), asked.length() - 1)));
        }
    }
}
