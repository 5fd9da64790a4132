package dev.minidocker.launcher.plan;

import java.util.List;

/**
 * A mount as {@code -v}, {@code --mount}, {@code --volumes-from} or an image's VOLUME asks for
 * it, before volumes are named and made.
 *
 * @param type {@code bind}, {@code volume} or {@code tmpfs}
 * @param source a bind's absolute host path, a volume's name, or null for an anonymous volume (and a tmpfs)
 * @param copy whether a new, empty volume gets the image's content at the destination first (Docker's
 *     default; {@code nocopy} and {@code volume-nocopy} say no)
 * @param tmpfsOptions a tmpfs's mount options
 */
public record MountRequest(String type, String source, String destination, boolean readOnly, boolean copy,
        List<String> tmpfsOptions) {
    public MountRequest {
        tmpfsOptions = tmpfsOptions == null ? List.of() : List.copyOf(tmpfsOptions);
    }

    /** An anonymous volume at {@code destination}, seeded from the image, as an image's VOLUME makes one. */
    static MountRequest anonymous(String destination) {
        return new MountRequest("volume", null, destination, false, true, List.of());
    }
}
