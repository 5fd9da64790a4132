package dev.minidocker.launcher.copy;

import dev.minidocker.linux.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** {@code cp}'s {@code -}: entries as a tar stream, out to it or in from it. */
final class TarStreams {
    private TarStreams() {
    }

    /** A sink writing a tar (PAX headers for long names and large numbers) to {@code out}, left open. */
    static EntrySink writer(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        });
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return new EntrySink() {
            @Override
            public void accept(CopyEntry e, InputStream content) throws IOException {
                TarArchiveEntry t = header(e);
                tar.putArchiveEntry(t);
                if (content != null) {
                    copyExactly(content, tar, e.size());
                }
                tar.closeArchiveEntry();
            }

            @Override
            public void finish() throws IOException {
                tar.finish();
                tar.flush();
            }
        };
    }

    private static TarArchiveEntry header(CopyEntry e) {
        TarArchiveEntry t;
        if (e.hardLink()) {
            t = new TarArchiveEntry(e.name(), TarConstants.LF_LINK);
            t.setLinkName(e.link());
        } else if (e.isSymbolicLink()) {
            t = new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK);
            t.setLinkName(e.link());
        } else if (e.isDirectory()) {
            t = new TarArchiveEntry(e.name() + "/", TarConstants.LF_DIR);
        } else if (e.isFile()) {
            t = new TarArchiveEntry(e.name(), TarConstants.LF_NORMAL);
            t.setSize(e.size());
        } else {
            int type = e.mode() & CopyEntry.S_IFMT;
            t = new TarArchiveEntry(e.name(), type == 0020000 ? TarConstants.LF_CHR
                    : type == 0060000 ? TarConstants.LF_BLK : TarConstants.LF_FIFO);
            long dev = e.device();
            t.setDevMajor((int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)));
            t.setDevMinor((int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL)));
        }
        t.setMode(e.permissions());
        t.setIds(e.uid(), e.gid());
        t.setModTime(e.modified());
        return t;
    }

    /** A file read from a running container may grow or shrink meanwhile: its header's size is what goes. */
    private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                java.util.Arrays.fill(buffer, (byte) 0);
                n = (int) Math.min(buffer.length, left);
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Reads the tar on {@code in} into {@code sink}. */
    static void read(InputStream in, EntrySink sink) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry t = tar.getNextEntry(); t != null; t = tar.getNextEntry()) {
            String name = t.getName();
            while (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            int type = t.isDirectory() ? CopyEntry.S_IFDIR : t.isSymbolicLink() ? CopyEntry.S_IFLNK
                    : t.isCharacterDevice() ? 0020000 : t.isBlockDevice() ? 0060000 : t.isFIFO() ? 0010000
                    : CopyEntry.S_IFREG;
            CopyEntry e = new CopyEntry(name, type | (t.getMode() & 07777), (int) t.getLongUserId(),
                    (int) t.getLongGroupId(), Syscalls.device(t.getDevMajor(), t.getDevMinor()), t.getSize(),
                    FileTime.from(t.getLastModifiedTime().toInstant()), t.isSymbolicLink() || t.isLink()
                            ? t.getLinkName() : null, t.isLink());
            sink.accept(e, e.isFile() ? tar : null);
        }
        sink.finish();
    }
}
