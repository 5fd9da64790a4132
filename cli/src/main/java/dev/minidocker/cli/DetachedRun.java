package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.Launcher;
import dev.minidocker.launcher.Monitor;
import dev.minidocker.launcher.RunOptions;
import dev.minidocker.store.StoreException;

/** {@code run -d}: starts the container in the background and prints its full id once its entrypoint runs. */
final class DetachedRun {
    private DetachedRun() {
    }

    static int run(Context context, Launcher launcher, Launcher.SourceProvider source, RunOptions options)
            throws LaunchException, StoreException, InterruptedException {
        Launcher.Started started = launcher.run(source, options, Monitor.Attachment.background());
        context.lifecycle().confirm(started);
        context.out.println(started.record().id());
        return ExitCodes.OK;
    }
}
