package dev.minidocker.cli;

import dev.minidocker.puller.registry.CredentialStore;
import dev.minidocker.puller.registry.RegistryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker logout}: removes the registry's credentials from Docker's {@code config.json}. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Log out from a registry (default: Docker Hub).")
final class LogoutCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    public Integer call() throws RegistryException {
        Context context = parent.context();
        String registry = Registries.serverName(server);
        if (CredentialStore.fromEnvironment().remove(registry)) {
            context.out.println("Removing login credentials for " + registry);
        } else {
            context.out.println("Not logged in to " + registry);
        }
        return ExitCodes.OK;
    }
}
