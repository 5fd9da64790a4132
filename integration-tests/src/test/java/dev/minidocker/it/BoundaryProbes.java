package dev.minidocker.it;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The static probes the boundary tests bind into containers (sources in {@code src/test/c}), built
 * once per test class with the host's C compiler. Register as a static field:
 * {@code @RegisterExtension static final BoundaryProbes PROBES = new BoundaryProbes();}
 */
final class BoundaryProbes implements BeforeAllCallback, AfterAllCallback {
    private static final Path SOURCES = Path.of("src/test/c").toAbsolutePath();

    private Path directory;

    @Override
    public void beforeAll(ExtensionContext context) {
        directory = TempDirs.create("probes");
        HostCommand.check("cc", "-O2", "-static", "-o", terminal().toString(),
                SOURCES.resolve("boundary-probe.c").toString());
        // No libc: it runs as another program's ELF interpreter (see exe-probe.c).
        HostCommand.check("cc", "-O2", "-ffreestanding", "-nostdlib", "-static", "-fno-pie", "-no-pie",
                "-fno-stack-protector", "-o", interpreter().toString(), SOURCES.resolve("exe-probe.c").toString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TempDirs.delete(directory);
    }

    /** {@code boundary-probe}: TIOCSTI into the process's stdio and /dev/tty, now or from a daemon later. */
    Path terminal() {
        return directory.resolve("boundary-probe");
    }

    /** {@code exe-probe}: what writing /proc/self/exe says, run as another program's ELF interpreter. */
    Path interpreter() {
        return directory.resolve("exe-probe");
    }
}
