package dev.minidocker.cli;

import dev.minidocker.puller.registry.CredentialStore;
import dev.minidocker.puller.registry.Credentials;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.puller.registry.RegistryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker login}: checks the credentials against the registry, then saves them in
 * Docker's {@code config.json} ({@code $DOCKER_CONFIG} or {@code ~/.docker}), where Docker and
 * Podman read them too.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Log in to a registry (default: Docker Hub).")
final class LoginCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-u", "--username"}, paramLabel = "USER")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "Password (visible in the process list: prefer --password-stdin).")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    public Integer call() throws CliException, RegistryException, IOException {
        Context context = parent.context();
        String registry = Registries.serverName(server);
        if (passwordStdin && password != null) {
            throw new CliException("--password and --password-stdin are mutually exclusive", ExitCodes.ENGINE);
        }
        if (passwordStdin) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (username == null || password == null) {
            if (System.console() == null) {
                throw new CliException("login " + registry + ": give -u USER and --password-stdin (no terminal to ask)");
            }
            username = username != null ? username : System.console().readLine("Username: ");
            password = password != null ? password : new String(System.console().readPassword("Password: "));
        }
        Credentials credentials;
        try {
            credentials = new Credentials(username, password);
        } catch (IllegalArgumentException e) {
            throw new CliException("login " + registry + ": " + e.getMessage());
        }
        try (RegistryClient client = context.registry()) {
            client.checkLogin(registry, credentials);
        }
        CredentialStore.fromEnvironment().put(registry, credentials);
        context.out.println("Login Succeeded");
        return ExitCodes.OK;
    }
}
