package dev.minidocker.shim;

import java.io.IOException;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads every class of the shim, linux and spec modules before pivot_root when they run from
 * directories (target/classes): after the pivot those directories are gone and a class loaded late
 * would fail.
 * From jars nothing is needed, since the JDK keeps a module's jar open, except in an AOT training
 * run, which should see every class.
 */
final class Preload {
    private Preload() {
    }

    static void classes(boolean evenFromJars) {
        for (Module module : List.of(Preload.class.getModule(), dev.minidocker.linux.Syscalls.class.getModule(),
                dev.minidocker.spec.RuntimeSpec.class.getModule())) {
            if (module.isNamed() && module.getLayer() != null) {
                module.getLayer().configuration().findModule(module.getName())
                        .ifPresent(m -> load(m.reference(), module.getClassLoader(), evenFromJars));
            }
        }
    }

    private static void load(ModuleReference reference, ClassLoader loader, boolean evenFromJar) {
        boolean directory = reference.location().map(URI::getScheme).filter("file"::equals).isPresent()
                && Files.isDirectory(Path.of(reference.location().get()));
        if (!directory && !evenFromJar) {
            return;
        }
        try (ModuleReader reader = reference.open(); Stream<String> names = reader.list()) {
            for (String name : names.filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")).toList()) {
                Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), evenFromJar, loader);
            }
        } catch (IOException | ClassNotFoundException e) {
            Narrator.warn("preload " + reference.descriptor().name() + ": " + e);
        }
    }
}
