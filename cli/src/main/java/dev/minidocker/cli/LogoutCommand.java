package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.optionalPositional;

import dev.minidocker.puller.registry.CredentialStore;
import dev.minidocker.puller.registry.RegistryException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker logout}: removes the registry's credentials from Docker's {@code config.json}. */
final class LogoutCommand implements CodedCommand {
    String server;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "logout", "Log out from a registry (default: Docker Hub).");
        spec.addPositional(optionalPositional("0", "SERVER", v -> server = v));
        return spec;
    }

    @Override
    public int call(Context context) throws RegistryException {
        String registry = Registries.serverName(server);
        if (CredentialStore.fromEnvironment().remove(registry)) {
            context.out.println("Removing login credentials for " + registry);
        } else {
            context.out.println("Not logged in to " + registry);
        }
        return ExitCodes.OK;
    }
}
