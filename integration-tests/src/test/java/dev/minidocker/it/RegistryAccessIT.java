package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registries that want credentials or TLS: {@code login}/{@code logout} and the certs directory. */
class RegistryAccessIT {
    @RegisterExtension
    static final PushedImages BUILT = PushedImages.builtOnly();
    @RegisterExtension
    final Minidocker minidocker = new Minidocker();

    @Test
    void basicAuthNeedsLogin() throws IOException {
        try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.BASIC_AUTH)) {
            BUILT.images().push(TestImages.BUSYBOX, registry);
            String reference = TestImages.BUSYBOX.at(registry);
            Path credentials = minidocker.dockerConfig().resolve("config.json");

            PullIT.assertErrorLine(minidocker.run("pull", reference).assertExit(1), "unauthorized");

            CommandResult wrong = minidocker.runWithInput("wrong-password\n",
                    "login", "-u", TestRegistry.USERNAME, "--password-stdin", registry.address()).assertExit(1);
            PullIT.assertErrorLine(wrong, "");
            assertFalse(Files.exists(credentials) && Files.readString(credentials).contains(registry.address()),
                    "a failed login must not store credentials");

            minidocker.runWithInput(TestRegistry.PASSWORD + "\n",
                    "login", "-u", TestRegistry.USERNAME, "--password-stdin", registry.address()).assertSuccess();
            assertTrue(Files.readString(credentials).contains(registry.address()), Files.readString(credentials));

            CommandResult pull = minidocker.run("pull", reference).assertSuccess();
            assertEquals(reference, pull.lastStdoutLine(), pull.toString());

            minidocker.run("logout", registry.address()).assertSuccess();
            assertFalse(Files.readString(credentials).contains(registry.address()), Files.readString(credentials));
            PullIT.assertErrorLine(minidocker.run("pull", reference).assertExit(1), "unauthorized");
        }
    }

    @Test
    void tlsRegistryWithItsAuthorityInTheCertsDirectory() throws IOException {
        try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.TLS)) {
            BUILT.images().push(TestImages.HELLO, registry);
            String reference = TestImages.HELLO.at(registry);
            Path authority = minidocker.certificates().resolve(registry.address()).resolve("ca.crt");
            Files.createDirectories(authority.getParent());
            Files.copy(registry.caCertificate(), authority);

            CommandResult pull = minidocker.run("pull", reference).assertSuccess();

            assertEquals(reference, pull.lastStdoutLine(), pull.toString());
            Path mounted = minidocker.mount(reference);
            TreeComparison.assertSameTree(BUILT.images().expectedTree(TestImages.HELLO), mounted);
            minidocker.unmount(reference);
        }
    }

    @Test
    void tlsRegistryWithoutItsAuthorityFailsOnTheCertificate() {
        try (TestRegistry registry = TestRegistry.start(TestRegistry.Mode.TLS)) {
            BUILT.images().push(TestImages.HELLO, registry);

            CommandResult pull = minidocker.run("pull", TestImages.HELLO.at(registry)).assertExit(1);

            PullIT.assertErrorLine(pull, "certificate");
        }
    }
}
