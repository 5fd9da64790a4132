package dev.minidocker.puller.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's default trust plus the CAs of Docker's certs.d layout: every {@code *.crt} in
 * {@code <certsDir>/<host:port>/} (usually {@code ca.crt}) is trusted for that registry only.
 */
final class CaTrust implements X509TrustManager {
    private final X509TrustManager defaults;
    private final X509TrustManager extra;

    private CaTrust(X509TrustManager defaults, X509TrustManager extra) {
        this.defaults = defaults;
        this.extra = extra;
    }

    /** The trust for {@code authority}, or empty when certs.d has no CA for it. */
    static Optional<X509TrustManager> forRegistry(Path certsDir, String authority)
            throws IOException, GeneralSecurityException {
        Path dir = certsDir == null ? null : certsDir.resolve(authority);
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
        cas.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.crt")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    int n = 0;
                    for (var cert : x509.generateCertificates(in)) {
                        cas.setCertificateEntry(file.getFileName() + "#" + n++, cert);
                    }
                }
            }
        }
        if (cas.size() == 0) {
            return Optional.empty();
        }
        return Optional.of(new CaTrust(trustManager(null), trustManager(cas)));
    }

    /** The X509TrustManager of a TrustManagerFactory over {@code cas} (null: the JDK's cacerts). */
    private static X509TrustManager trustManager(KeyStore cas) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(cas);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager in " + factory.getAlgorithm());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            extra.checkServerTrusted(chain, authType);
        } catch (CertificateException notByExtra) {
            defaults.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        defaults.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return Stream.concat(Arrays.stream(defaults.getAcceptedIssuers()), Arrays.stream(extra.getAcceptedIssuers()))
                .distinct().toArray(X509Certificate[]::new);
    }
}
