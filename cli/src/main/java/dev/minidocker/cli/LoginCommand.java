package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.optionalPositional;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.puller.registry.CredentialStore;
import dev.minidocker.puller.registry.Credentials;
import dev.minidocker.puller.registry.RegistryClient;
import dev.minidocker.puller.registry.RegistryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker login}: checks the credentials against the registry, then saves them in
 * Docker's {@code config.json} ({@code $DOCKER_CONFIG} or {@code ~/.docker}), where Docker and
 * Podman read them too.
 */
final class LoginCommand implements CodedCommand {
    String username;
    String password;
    boolean passwordStdin;
    String server;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "login", "Log in to a registry (default: Docker Hub).");
        spec.addOption(value(String.class, "USER", "Username.", v -> username = v, "-u", "--username"));
        spec.addOption(value(String.class, "PASSWORD", "Password (visible in the process list: prefer --password-stdin).",
                v -> password = v, "-p", "--password"));
        spec.addOption(flag("Read the password from standard input.", v -> passwordStdin = v, "--password-stdin"));
        spec.addPositional(optionalPositional("0", "SERVER", v -> server = v));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException, RegistryException, IOException {
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
