package dev.minidocker.spec;

import java.nio.file.Path;

/**
 * The long paths of a container's {@code --explain} narration in short, the same on the launcher's
 * side and the shim's: the container's directory (its bundle, {@code ROOT/containers/ID}) as
 * {@code $CONTAINER}, the store's root as {@code $ROOT}, and the container's 64-hex id, which also
 * names its cgroups and log, as {@code $ID}. {@link #legend} says once what each stands for.
 *
 * @param container the container's directory, as the narrated paths spell it
 */
public record PathShorthand(Path container) {
    public static final String CONTAINER = "$CONTAINER";
    public static final String ROOT = "$ROOT";
    public static final String ID = "$ID";

    public PathShorthand {
        if (container.getParent() == null || container.getParent().getParent() == null) {
            throw new IllegalArgumentException("not a container's directory, ROOT/containers/ID: " + container);
        }
    }

    /** What the short names stand for, said once before they are used. */
    public String legend() {
        return ROOT + " is the store " + root() + ", " + ID + " this container's id " + id() + ", and "
                + CONTAINER + " its directory " + ROOT + "/containers/" + ID;
    }

    /** {@code line} with the container's directory, the store's root and the id in short. */
    public String shorten(String line) {
        String shorter = replacePath(line, container.toString(), CONTAINER);
        if (root().getNameCount() > 0) {
            // A store at / would make every path $ROOT/...
            shorter = replacePath(shorter, root().toString(), ROOT);
        }
        return shorter.replace(id(), ID);
    }

    private String id() {
        return container.getFileName().toString();
    }

    private Path root() {
        return container.getParent().getParent();
    }

    /** Each occurrence of {@code path} that is a whole path, not the start of a longer name ({@code /s} in {@code /srv}). */
    private static String replacePath(String line, String path, String name) {
        StringBuilder out = new StringBuilder(line.length());
        int from = 0;
        for (int at = line.indexOf(path); at >= 0; at = line.indexOf(path, at + 1)) {
            int end = at + path.length();
            boolean whole = (at == 0 || !partOfPath(line.charAt(at - 1)))
                    && (end == line.length() || line.charAt(end) == '/' || !partOfName(line.charAt(end)));
            if (whole && at >= from) {
                out.append(line, from, at).append(name);
                from = end;
            }
        }
        return out.append(line, from, line.length()).toString();
    }

    private static boolean partOfPath(char c) {
        return c == '/' || partOfName(c);
    }

    private static boolean partOfName(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
    }
}
