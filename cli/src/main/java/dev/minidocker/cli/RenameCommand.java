package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker rename OLD NEW}: prints nothing, as Docker's. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a container.")
final class RenameCommand implements Callable<Integer> {
    private static final String VALID = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";

    @ParentCommand
    ContextSource parent;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    public Integer call() throws StoreException, CliException, LaunchException {
        Context context = parent.context();
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
