package dev.minidocker.launcher.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One open log file, read forward line by line from a position. It stays the same file however
 * the monitor renames it (it is known by its {@code fileKey}, the device and inode), and what the
 * monitor has not finished writing, the bytes after the last {@code \n}, waits for the next read.
 */
final class LogFile implements Closeable {
    /** Told each complete line, without its {@code \n}; answers false to end the reading. */
    interface Lines {
        boolean line(byte[] bytes, int offset, int length);
    }

    private final FileChannel channel;
    private final Object key;
    private final Path path;
    /** Where the next read of the file starts. */
    private long position;
    /** Bytes read but not yet handed on: {@code buffer[start, end)}, the beginning of a line. */
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    private LogFile(FileChannel channel, Object key, Path path) {
        this.channel = channel;
        this.key = key;
        this.path = path;
    }

    /** Opens {@code path}, which was the file known by {@code key} when the caller looked. */
    static LogFile open(Path path, Object key) throws IOException {
        return new LogFile(FileChannel.open(path, StandardOpenOption.READ), key, path);
    }

    Object key() {
        return key;
    }

    /** The name the file had when it was opened (for messages). */
    Path path() {
        return path;
    }

    /** Reads from {@code offset} on; only before the first read. */
    void seek(long offset) {
        position = offset;
    }

    /** For reading backwards from the end ({@link Tail}). */
    FileChannel channel() {
        return channel;
    }

    /** Hands on each complete line written so far; false when {@code lines} ended the reading. */
    boolean read(Lines lines) throws IOException {
        while (true) {
            for (int newline = indexOfNewline(); newline >= 0; newline = indexOfNewline()) {
                int from = start;
                start = newline + 1;
                if (!lines.line(buffer, from, newline - from)) {
                    return false;
                }
            }
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end == buffer.length) {
                // One line longer than the buffer: a 16 KiB piece, escaped, can be six times that.
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end), position);
            if (n <= 0) {
                return true;
            }
            position += n;
            end += n;
        }
    }

    /** Hands on the bytes after the last {@code \n}, if any, as a last line: for a file that will not grow. */
    boolean readRest(Lines lines) {
        if (start == end) {
            return true;
        }
        int from = start;
        start = end;
        return lines.line(buffer, from, end - from);
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
