package dev.minidocker.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs skopeo so that it leaves nothing behind: as root it keeps a blob-info cache in
 * /var/lib/containers/cache, which also makes later pushes reuse what it remembers. skopeo runs in
 * a private mount namespace with a fresh tmpfs over that place, gone when skopeo exits.
 */
final class Skopeo {
    private Skopeo() {
    }

    static CommandResult run(List<String> arguments) {
        Path cacheParent = Files.isDirectory(Path.of("/var/lib/containers"))
                ? Path.of("/var/lib/containers") : Path.of("/var/lib");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", "mount -t tmpfs minidocker-it-skopeo \"$0\" && exec skopeo \"$@\"",
                cacheParent.toString()));
        command.addAll(arguments);
        return HostCommand.of(command).run().assertSuccess();
    }
}
