package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Starter;
import dev.minidocker.launcher.Monitor;
import dev.minidocker.launcher.plan.RunOptions;
import dev.minidocker.store.StoreException;

/** {@code run -d}: starts the container in the background and prints its full id once its entrypoint runs. */
final class DetachedRun {
    private DetachedRun() {
    }

    static int run(Context context, Starter starter, Starter.SourceProvider source, RunOptions options)
            throws LaunchException, StoreException, InterruptedException {
        Starter.Started started = starter.run(source, options, Monitor.Attachment.background(), null);
        context.lifecycle().confirm(started);
        context.out.println(started.record().id());
        return ExitCodes.OK;
    }
}
