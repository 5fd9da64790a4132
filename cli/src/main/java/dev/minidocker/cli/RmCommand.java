package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positionals;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker rm}: removes containers (record, upper dir, cgroup); a running one only with
 * {@code -f}; with {@code -v}, their anonymous volumes too.
 */
final class RmCommand implements CodedCommand {
    boolean force;
    boolean volumes;
    final List<String> containers = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "rm", "Remove one or more containers.");
        spec.addOption(flag("Force the removal of a running container (uses SIGKILL).", v -> force = v,
                "-f", "--force"));
        spec.addOption(flag("Remove anonymous volumes associated with the container.", v -> volumes = v,
                "-v", "--volumes"));
        spec.addPositional(positionals("0..*", "1..*", "CONTAINER", null, containers));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, InterruptedException {
        Lifecycle lifecycle = context.lifecycle();
        return EachContainer.run(context, containers, (name, c) -> lifecycle.remove(c, force, volumes));
    }
}
