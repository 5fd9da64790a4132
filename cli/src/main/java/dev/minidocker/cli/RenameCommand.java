package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker rename OLD NEW}: prints nothing, as Docker's. */
final class RenameCommand implements CodedCommand {
    private static final String VALID = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";

    String container;
    String newName;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "rename", "Rename a container.");
        spec.addPositional(positional("0", "CONTAINER", null, v -> container = v));
        spec.addPositional(positional("1", "NEW_NAME", null, v -> newName = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        String name = newName.startsWith("/") ? newName.substring(1) : newName;
        if (!name.matches(VALID)) {
            throw new CliException("Invalid container name (" + newName + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        ContainerRecord c = context.container(container);
        if (c.name().equals(name)) {
            throw new CliException("Renaming a container with the same name as its current name");
        }
        context.store().containers().rename(c.id(), name);
        return ExitCodes.OK;
    }
}
