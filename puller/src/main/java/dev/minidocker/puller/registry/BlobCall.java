package dev.minidocker.puller.registry;

import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /v2/<name>/blobs/<digest>} from a byte offset to the end. Each attempt asks with
 * {@code Range: bytes=<next>-} for the bytes not yet written; when the server ignores the range (200),
 * the prefix already written is read and dropped. A body that ends before {@code size} bytes is an
 * IOException, so the caller retries it. The digest is the caller's to verify.
 */
final class BlobCall implements RegistryCall<Void> {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(?:\\d+|\\*)");
    private static final int CHUNK = 64 * 1024;

    private final ImageReference ref;
    private final Digest digest;
    private final HttpUrl url;
    private final long size;
    private final OutputStream out;
    private final LongConsumer progress;
    private long next;
    private long nextAtLastAttempt;

    BlobCall(ImageReference ref, Digest digest, HttpUrl base, long offset, long size, OutputStream out,
            LongConsumer progress) {
        this.ref = ref;
        this.digest = digest;
        this.url = base.newBuilder().addPathSegment("v2").addPathSegments(ref.repository())
                .addPathSegment("blobs").addPathSegment(digest.toString()).build();
        this.size = size;
        this.out = out;
        this.progress = progress;
        this.next = offset;
        this.nextAtLastAttempt = offset;
    }

    @Override
    public String action() {
        return "pull blob " + digest + " of " + ref.name();
    }

    @Override
    public AuthScope authScope() {
        return AuthScope.pull(ref);
    }

    @Override
    public Request request() {
        // identity: the byte counts and ranges are of the blob itself, never of a transfer encoding
        Request.Builder request = new Request.Builder().url(url).header("Accept-Encoding", "identity").get();
        if (next > 0) {
            request.header("Range", "bytes=" + next + "-");
        }
        return request.build();
    }

    @Override
    public boolean progressedSinceLastAttempt() {
        boolean progressed = next > nextAtLastAttempt;
        nextAtLastAttempt = next;
        return progressed;
    }

    @Override
    public Void handle(Response response) throws IOException, RegistryException {
        long start = response.code() == 206 ? rangeStart(response.header("Content-Range")) : 0;
        if (start > next) {
            throw new RegistryException(action(), "registry sent bytes from " + start + ", asked for " + next);
        }
        long skip = next - start;
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = response.body().byteStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                int from = (int) Math.min(skip, n);
                skip -= from;
                if (n > from) {
                    write(buffer, from, n - from);
                }
            }
        }
        if (size >= 0 && next < size) {
            throw new IOException("body ended after " + next + " of " + size + " bytes");
        }
        return null;
    }

    private void write(byte[] buffer, int from, int length) throws RegistryException {
        if (size >= 0 && next + length > size) {
            throw new RegistryException(action(), "registry sent more than the " + size + " bytes expected");
        }
        try {
            out.write(buffer, from, length);
        } catch (IOException e) {
            throw new RegistryException(action(), "write: " + e.getMessage(), e);
        }
        next += length;
        progress.accept(length);
    }

    /** The first byte of a 206 response; without a readable Content-Range, the range asked for is assumed. */
    private long rangeStart(String contentRange) {
        if (contentRange == null) {
            return next;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : next;
    }
}
