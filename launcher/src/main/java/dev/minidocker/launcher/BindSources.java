package dev.minidocker.launcher;

import dev.minidocker.launcher.plan.MountRequest;
import dev.minidocker.launcher.plan.Volumes;
import dev.minidocker.launcher.userns.MappedRoot;
import dev.minidocker.launcher.userns.UserNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host directories that {@code -v} binds (not {@code --mount}'s, which must exist), made when they are missing, as Docker's {@code -v}
 * makes them when the container starts: mode 0755, owned by the container's root when it has a
 * user namespace of its own.
 */
final class BindSources {
    private BindSources() {
    }

    static void create(List<String> binds, UserNamespace userns, Narrator narrator) throws LaunchException {
        for (String bind : binds) {
            MountRequest request = Volumes.volume(bind);
            if (!request.type().equals("bind")) {
                continue;
            }
            Path source = Path.of(request.source());
            if (Files.exists(source)) {
                continue;
            }
            narrator.say("create the missing bind source " + source + " (as docker run -v does)");
            try {
                Files.createDirectories(source);
            } catch (IOException e) {
                throw new LaunchException("create bind source " + source + ": " + LaunchException.detail(e), e);
            }
            if (userns != null) {
                MappedRoot.give(userns, source);
            }
        }
    }
}
