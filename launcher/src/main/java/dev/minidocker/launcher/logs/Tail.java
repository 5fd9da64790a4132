package dev.minidocker.launcher.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * {@code --tail N}: where the last N entries begin, found by reading the files backwards from the
 * end, a block at a time, so that the tail of a long history costs what the tail holds.
 */
final class Tail {
    private static final int BLOCK = 64 * 1024;

    private Tail() {
    }

    /**
     * Puts the file where the N-th last complete line begins at that line, and returns its index
     * in {@code files} (oldest first): the files before it are not read. A line the monitor is
     * writing (no {@code \n} yet) is not counted.
     */
    static int seek(List<LogFile> files, int lines) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        int newlines = 0;
        for (int i = files.size() - 1; i >= 0; i--) {
            FileChannel channel = files.get(i).channel();
            long end = channel.size();
            while (end > 0) {
                long from = Math.max(0, end - BLOCK);
                block.clear().limit((int) (end - from));
                while (block.hasRemaining() && channel.read(block, from + block.position()) > 0) {
                    // A file that is appended to only: each read gets more, or the end.
                }
                for (int j = (int) (end - from) - 1; j >= 0; j--) {
                    // The (N+1)-th newline from the end ends the line before the N-th last.
                    if (block.get(j) == '\n' && ++newlines > lines) {
                        files.get(i).seek(from + j + 1);
                        return i;
                    }
                }
                end = from;
            }
        }
        return 0;
    }
}
