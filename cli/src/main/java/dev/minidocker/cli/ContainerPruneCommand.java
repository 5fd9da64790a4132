package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Lifecycle;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker container prune}: removes every container that does not run. It does not prompt. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove all stopped containers.")
final class ContainerPruneCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-f", "--force"}, description = "Accepted for compatibility: prune never prompts.")
    boolean force;

    @Override
    public Integer call() throws StoreException, LaunchException, InterruptedException {
        Context context = parent.context();
        Lifecycle lifecycle = context.lifecycle();
        long freed = 0;
        boolean first = true;
        for (ContainerRecord c : context.store().containers().all()) {
            if (Lifecycle.running(c)) {
                continue;
            }
            long size = size(context.store().containers().dir(c.id()));
            lifecycle.remove(c, false);
            if (first) {
                context.out.println("Deleted Containers:");
                first = false;
            }
            context.out.println(c.id());
            freed += size;
        }
        if (!first) {
            context.out.println();
        }
        context.out.println("Total reclaimed space: " + HumanSize.format(freed));
        return ExitCodes.OK;
    }

    /** The bytes of the regular files under {@code dir}, the container's writable layer among them. */
    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
