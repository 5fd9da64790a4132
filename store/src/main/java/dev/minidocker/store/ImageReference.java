package dev.minidocker.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A normalised image reference, {@code registry/repository[:tag][@digest]}, parsed as Docker does:
 * {@code busybox} is {@code docker.io/library/busybox:latest}, a first component with a dot, a colon
 * or named {@code localhost} is a registry, and a digest wins over a tag.
 *
 * @param registry the registry as named by users ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path inside the registry ({@code library/busybox})
 * @param tag the tag, or null when the reference names a digest
 * @param digest the manifest digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final int MAX_NAME = 255;

    public ImageReference {
        if (tag == null && digest == null) {
            tag = "latest";
        }
        if (digest != null) {
            tag = null;
        }
    }

    /** Parses a reference as typed by a user; the message of the exception says which part is wrong. */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid reference format: empty image name");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid reference \"" + text + "\": " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid reference \"" + text + "\": invalid tag \"" + tag
                        + "\" (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
            }
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase(Locale.ROOT))) {
                registry = first;
                path = rest.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        // Before the patterns: a long name would take Java's regex engine as deep as its stack.
        if (registry.length() + 1 + path.length() > MAX_NAME) {
            throw new IllegalArgumentException(
                    "invalid reference \"" + text + "\": repository name longer than " + MAX_NAME + " characters");
        }
        if (!HOST.matcher(registry).matches()) {
            throw new IllegalArgumentException(
                    "invalid reference \"" + text + "\": invalid registry \"" + registry + "\"");
        }
        if (!REPOSITORY.matcher(path).matches()) {
            String why = path.equals(path.toLowerCase(Locale.ROOT)) ? "" : " (repository names must be lowercase)";
            throw new IllegalArgumentException(
                    "invalid reference \"" + text + "\": invalid repository name \"" + path + "\"" + why);
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /** {@code registry/repository}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The tag or digest as it goes in a manifest URL. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    /** The same repository at another digest, as pulled by digest. */
    public ImageReference withDigest(Digest d) {
        return new ImageReference(registry, repository, null, d);
    }

    /** The host that serves the registry API: Docker Hub's API lives at registry-1.docker.io. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** The name as Docker shows it: {@code busybox} for official images, {@code user/app} on Docker Hub. */
    public String familiarName() {
        if (!registry.equals(DOCKER_HUB)) {
            return name();
        }
        return repository.startsWith("library/") && repository.indexOf('/', 8) < 0
                ? repository.substring("library/".length()) : repository;
    }

    @Override
    public String toString() {
        return name() + (digest != null ? "@" + digest : ":" + tag);
    }
}
