package dev.minidocker.launcher.plan;

import dev.minidocker.store.ImageRecord;
import java.nio.file.Path;

/** Where a container's root filesystem comes from: an image's layers, or a directory ({@code run-command}). */
public sealed interface Source permits Source.Image, Source.Directory {

    /** An image of the store, by the name the command gave it. */
    record Image(String name, ImageRecord image) implements Source {
    }

    /** A directory of the host, the overlay's one lower layer. */
    record Directory(Path rootfs) implements Source {
    }
}
