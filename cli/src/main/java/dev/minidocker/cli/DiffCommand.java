package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.launcher.ContainerChanges;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker diff CONTAINER}: Docker's A/C/D lines (see {@link ContainerChanges}). */
final class DiffCommand implements CodedCommand {
    String container;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "diff", "Inspect changes to files or directories on a container's filesystem.");
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        ContainerRecord c = context.container(container);
        for (ContainerChanges.Change change : ContainerChanges.of(context.starter(false), c.id(), Syscalls.system())) {
            context.out.println(change);
        }
        return ExitCodes.OK;
    }
}
