package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Docker's default profile: moby's {@code profiles/seccomp/default.json} (github.com/moby/profiles
 * at commit 02e898b137aed1024e232d59bcb05e6179b72177), kept as it is beside this class and read in
 * Docker's format like any profile.
 */
final class DefaultProfile {
    static final String NAME = "Docker's default profile";
    private static final String RESOURCE = "default.json";

    private DefaultProfile() {
    }

    static byte[] bytes() throws LaunchException {
        try (InputStream in = DefaultProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LaunchException("read seccomp profile " + NAME + ": " + RESOURCE
                        + " is missing from minidocker");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LaunchException("read seccomp profile " + NAME + ": " + e.getMessage(), e);
        }
    }
}
