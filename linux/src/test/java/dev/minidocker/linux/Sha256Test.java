package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void libcryptoIsFoundOnThisMachine() {
        assertTrue(Sha256.create() instanceof Sha256.Native, "libcrypto.so.3 should load here");
    }

    @Test
    void nativeAndJdkAgreeOnSlicesOfAnyLength() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Sha256 nativeHash = new Sha256.Native();
        Sha256 jdkHash = new Sha256.Jdk();
        MessageDigest reference = MessageDigest.getInstance("SHA-256");
        int[] cuts = {0, 1, 63, 64, 65, 4096, 100_000, 299_999};
        int from = 0;
        for (int to : cuts) {
            nativeHash.update(data, from, to - from);
            jdkHash.update(data, from, to - from);
            reference.update(data, from, to - from);
            from = to;
        }
        nativeHash.update(data, from, data.length - from);
        jdkHash.update(data, from, data.length - from);
        reference.update(data, from, data.length - from);
        byte[] expected = reference.digest();
        assertArrayEquals(expected, nativeHash.digest());
        assertArrayEquals(expected, jdkHash.digest());
    }

    @Test
    void emptyInputHashesLikeTheJdk() throws Exception {
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(), new Sha256.Native().digest());
    }
}
