package dev.minidocker.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** Whole directory trees: deleted and measured without following symbolic links. */
public final class Trees {
    private Trees() {
    }

    /** Deletes {@code root} and everything below it; links are removed, never followed. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree on a path that is already failing; a second error would hide the first. */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException ignored) {
            // Left under tmp/, where image prune removes it.
        }
    }

    /**
     * The apparent size of a tree, counted as Docker's {@code directory.Size} counts a layer (and
     * {@code du --apparent-size -b} would, but for directories): the bytes that files and symbolic
     * links say they hold (a link holds its target's name), not the blocks allocated, which depend
     * on the filesystem; a file with several hard links once; directories nothing. Links are never
     * followed, and a file that vanishes during the walk counts nothing. A missing root is 0.
     */
    public static long size(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Set<Object> seen = new HashSet<>();
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Object inode = attrs.fileKey() != null ? attrs.fileKey() : file;
                if (!attrs.isDirectory() && attrs.size() > 0 && seen.add(inode)) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }
}
