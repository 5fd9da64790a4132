import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar made for Java 5 (class file version 49) as Java 8 class files:
 * the same code, with the stack maps that version 50 and later carry. The JDK's AOT cache (and
 * CDS) leaves out classes older than version 50, so picocli's 4.7 jar (Java 5 bytecode) would be
 * loaded and verified anew by every command. Run at build time on the jar in
 * target/lib; a jar with nothing older than version 52 is left as it is (and keeps its time).
 *
 * Usage: java UpgradeClassVersion.java JAR
 */
public final class UpgradeClassVersion {
    private static final int JAVA_8 = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java UpgradeClassVersion.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".tmp");
        int count;
        // Stack maps need the class hierarchy: the JDK's, then the jar's own classes.
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            count = rewrite(classFile, jar, upgraded);
        }
        if (count == 0) {
            Files.delete(upgraded);
            return;
        }
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("UpgradeClassVersion: " + count + " classes of " + jar.getFileName() + " now Java 8 class files");
    }

    /** Copies {@code in} to {@code out}, entry by entry, with old classes rewritten; returns how many. */
    private static int rewrite(ClassFile classFile, Path in, Path out) throws IOException {
        int count = 0;
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry; (entry = zin.getNextEntry()) != null; ) {
                byte[] bytes = zin.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < JAVA_8) {
                        bytes = classFile.transformClass(model, upgrade());
                        count++;
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zout.putNextEntry(copy);
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        return count;
    }

    /** A new version number, and every method body re-emitted, which makes the ClassFile API compute stack maps. */
    private static ClassTransform upgrade() {
        return ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL).andThen((builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.with(ClassFileVersion.of(JAVA_8, 0));
            } else {
                builder.with(element);
            }
        });
    }
}
