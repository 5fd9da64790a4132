package dev.minidocker.linux;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The walk of a path inside a root of its own, as filepath-securejoin does for runc: symbolic links
 * and {@code ..} are followed from that root and never leave it (a link to {@code /etc} means the
 * root's {@code etc}). Where a name is looked up is the caller's: a root filesystem on disk
 * ({@link ContainerPath}), or an image's layers merged as overlayfs would.
 */
public final class ScopedWalk {
    /** As the kernel's limit on links in one lookup (MAXSYMLINKS is 40; securejoin allows 255). */
    static final int MAX_LINKS = 255;

    /** What a lookup finds at the names walked so far: a link's target, something else, or nothing. */
    public record Step(String linkTarget, boolean missing) {
        /** Anything but a link: the walk goes on below it. */
        public static final Step PLAIN = new Step(null, false);
        /** Nothing there: the walk ends without a result. */
        public static final Step MISSING = new Step(null, true);

        public static Step link(String target) {
            return new Step(target, false);
        }
    }

    /** Looks up the names walked so far, from the root. */
    @FunctionalInterface
    public interface Lookup {
        Step at(List<String> names) throws IOException;
    }

    private ScopedWalk() {
    }

    /**
     * The names {@code path} leads to from the root (absolute or not, it starts there), or null when
     * a lookup on the way found nothing; {@link FileSystemLoopException} past {@value #MAX_LINKS} links.
     */
    public static List<String> walk(String path, Lookup lookup) throws IOException {
        Deque<String> rest = new ArrayDeque<>();
        push(rest, path);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            done.add(name);
            Step step = lookup.at(done);
            if (step.missing()) {
                return null;
            }
            if (step.linkTarget() != null) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemLoopException(path);
                }
                done.removeLast();
                if (step.linkTarget().startsWith("/")) {
                    done.clear();
                }
                push(rest, step.linkTarget());
            }
        }
        return done;
    }

    /** Puts the components of {@code path} in front of {@code rest}, in order. */
    private static void push(Deque<String> rest, String path) {
        String[] names = path.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            rest.push(names[i]);
        }
    }
}
