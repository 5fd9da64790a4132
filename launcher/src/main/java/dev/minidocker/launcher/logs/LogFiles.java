package dev.minidocker.launcher.logs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The files of one json-file log, as Docker names them: {@code <id>-json.log}, the one written, and
 * {@code <id>-json.log.1} (the newest rotated) to {@code .N} (the oldest). Rotation renames
 * {@code .k} to {@code .k+1} and the current file to {@code .1}, then starts a new current file.
 */
final class LogFiles {
    private final Path current;

    LogFiles(Path current) {
        this.current = current;
    }

    /** The file written now, by its key; null when there is none (not yet, or between a rename and the new file). */
    Object currentKey() throws IOException {
        return key(current);
    }

    /**
     * Opens the files that came after the one known by {@code key}, oldest first; all of them when
     * {@code key} is null (nothing read yet) or names a file rotation has deleted since.
     */
    List<LogFile> openAfter(Object key) throws IOException {
        List<Path> paths = oldestFirst();
        List<Object> keys = new ArrayList<>();
        for (Path path : paths) {
            keys.add(key(path));
        }
        List<LogFile> opened = new ArrayList<>();
        try {
            for (int i = key == null ? 0 : keys.indexOf(key) + 1; i < paths.size(); i++) {
                if (keys.get(i) != null) {
                    opened.add(LogFile.open(paths.get(i), keys.get(i)));
                    if (!keys.get(i).equals(key(paths.get(i)))) {
                        throw new NoSuchFileException(paths.get(i).toString(), null, "rotated while opened");
                    }
                }
            }
        } catch (NoSuchFileException rotated) {
            // Rotation renamed the files while they were listed and opened: look again.
            closeAll(opened);
            return openAfter(key);
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    /** The rotated files from {@code .N} to {@code .1}, then the current one. */
    private List<Path> oldestFirst() throws IOException {
        String prefix = current.getFileName() + ".";
        List<Path> rotated = new ArrayList<>();
        Path dir = Objects.requireNonNullElse(current.getParent(), Path.of("."));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path file : files) {
                if (file.getFileName().toString().substring(prefix.length()).matches("[1-9][0-9]{0,8}")) {
                    rotated.add(file);
                }
            }
        } catch (NoSuchFileException noContainer) {
            // Not made yet, or removed: no file at all.
        }
        rotated.sort(Comparator.comparingInt((Path file) -> generation(file, prefix)).reversed());
        rotated.add(current);
        return rotated;
    }

    private static int generation(Path file, String prefix) {
        return Integer.parseInt(file.getFileName().toString().substring(prefix.length()));
    }

    private static Object key(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static void closeAll(List<LogFile> files) throws IOException {
        for (LogFile file : files) {
            file.close();
        }
    }
}
