package dev.minidocker.store.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * How far out of the layer a tar's names could lead if the unpacker followed them. The fuzz tests
 * run as root, so a tar is unpacked only when even an unpacker that followed every name, link and
 * {@code ..} would stay in the fuzzing sandbox, where a write out of the layer is seen rather than
 * done to the host: absolute names must lead into {@code home} (which holds the store), and there
 * may be no more {@code ..} in all the names together than there are directories between
 * {@code home} and the sandbox's top ({@link #SLACK}). The names are read as the unpacker reads them.
 */
record Reach(List<String> names, int parentSteps, boolean outsideHome) {
    /** Directories between home and the top of the sandbox. */
    static final int SLACK = 3;

    /** The entries' names and link targets up to where the tar stops making sense (where the unpacker stops too). */
    static Reach of(byte[] tar, Path home) {
        List<String> names = new ArrayList<>();
        int steps = 0;
        boolean outside = false;
        try {
            PaxXattrs headers = new PaxXattrs(new ByteArrayInputStream(tar));
            TarArchiveInputStream entries = new TarArchiveInputStream(headers, StandardCharsets.UTF_8.name());
            for (TarArchiveEntry e = headers.next(entries); e != null; e = headers.next(entries)) {
                for (String name : List.of(e.getName(), e.getLinkName())) {
                    names.add(name);
                    steps += parentSteps(name);
                    outside |= name.startsWith("/") && !name.startsWith(home + "/");
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // The unpacker stops at the same place.
        }
        return new Reach(names, steps, outside);
    }

    /** Whether an unpacker that followed every name would still write inside the sandbox. */
    boolean staysInSandbox() {
        return !outsideHome && parentSteps <= SLACK;
    }

    private static int parentSteps(String name) {
        int steps = 0;
        for (String component : name.split("/", -1)) {
            if (component.equals("..")) {
                steps++;
            }
        }
        return steps;
    }
}
