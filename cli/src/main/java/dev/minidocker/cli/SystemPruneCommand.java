package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker system prune}: after Docker's warning and question (unless {@code -f}),
 * removes every container that does not run, then the user networks no container is on, then the
 * dangling images (with {@code -a}, every image no container uses), then the blobs and layers no
 * image needs: {@code container prune}, {@code network prune} and {@code image prune} in Docker's
 * order, so an image that only a stopped container used goes with it. A running container, and an
 * image a container or a mount uses, are never touched. With {@code --volumes}, the anonymous
 * volumes no container uses go too, after the containers (Docker 23's rule: named ones stay).
 */
final class SystemPruneCommand implements CodedCommand {
    boolean all;
    boolean force;
    boolean volumes;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "prune", "Remove unused data.");
        spec.addOption(flag("Remove all unused images not just dangling ones.", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Do not prompt for confirmation.", v -> force = v, "-f", "--force"));
        spec.addOption(flag("Prune anonymous volumes.", v -> volumes = v, "--volumes"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, InterruptedException, IOException {
        if (!force && !Confirmation.ask(System.in, context.out, warning(all, volumes))) {
            // Docker: a declined prune is cancelled, exit status 0, nothing more said.
            return ExitCodes.OK;
        }
        Pruned containers = ContainerPruneCommand.prune(context);
        containers.print(context.out);
        NetworkPruneCommand.prune(context).print(context.out);
        Pruned pruned = volumes ? VolumePruneCommand.prune(context) : new Pruned("", List.of(), 0);
        pruned.print(context.out);
        Pruned images = ImagePruneCommand.prune(context, all);
        images.print(context.out);
        Pruned.printTotal(context.out, containers.reclaimed() + pruned.reclaimed() + images.reclaimed());
        return ExitCodes.OK;
    }

    /**
     * Docker's words, build cache included: minidocker has none, so removing the unused build cache
     * removes nothing, and scripts that read the question find Docker's.
     */
    static String warning(boolean all, boolean volumes) {
        return "WARNING! This will remove:\n"
                + "  - all stopped containers\n"
                + "  - all networks not used by at least one container\n"
                + (volumes ? "  - all anonymous volumes not used by at least one container\n" : "")
                + (all ? "  - all images without at least one container associated to them\n" : "  - all dangling images\n")
                + (all ? "  - all build cache\n" : "  - unused build cache\n")
                + "\nAre you sure you want to continue?";
    }
}
