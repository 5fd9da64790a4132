package dev.minidocker.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate it signed for 127.0.0.1, made with
 * the openssl command. The configuration is written here so the system's openssl.cnf plays no part.
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    private static final String CONFIG = """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = minidocker test
            [ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            [server]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1
            """;

    /** Makes the authority and the server certificate in {@code directory}. */
    static TestCertificates create(Path directory) {
        Path config = directory.resolve("openssl.cnf");
        Path caKey = directory.resolve("ca.key");
        TestCertificates made = new TestCertificates(directory.resolve("ca.crt"),
                directory.resolve("server.crt"), directory.resolve("server.key"));
        Path request = directory.resolve("server.csr");
        try {
            Files.writeString(config, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-x509", "-config", config.toString(), "-extensions", "ca", "-days", "2",
                "-subj", "/CN=minidocker test CA", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", caKey.toString(), "-out", made.caCertificate.toString());
        openssl("req", "-new", "-config", config.toString(), "-subj", "/CN=127.0.0.1",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", made.serverKey.toString(), "-out", request.toString());
        openssl("x509", "-req", "-in", request.toString(), "-CA", made.caCertificate.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "2", "-extfile", config.toString(),
                "-extensions", "server", "-out", made.serverCertificate.toString());
        return made;
    }

    /** A TLS context that trusts this authority only, for the test's own HTTP checks. */
    SSLContext trustingContext() {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("trust " + caCertificate, e);
        }
    }

    private static void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        HostCommand.of(command).run().assertSuccess();
    }
}
