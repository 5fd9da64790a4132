package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.copy.ContainerCopy;
import dev.minidocker.linux.Syscalls;
import dev.minidocker.store.StoreException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker cp [-a] [-L] CONTAINER:SRC DEST | SRC CONTAINER:DEST}, {@code -} for a tar on
 * stdout or stdin. An argument is a container's when it has a colon before any slash and does not
 * start with {@code .} or {@code /}, as Docker's CLI splits it.
 */
final class CpCommand implements CodedCommand {
    boolean archive;
    boolean followLink;
    String source;
    String destination;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "cp",
                "Copy files/folders between a container and the local filesystem.");
        spec.addOption(flag("Archive mode (copy all uid/gid information)", v -> archive = v, "-a", "--archive"));
        spec.addOption(flag("Always follow symbol link in SRC_PATH", v -> followLink = v, "-L", "--follow-link"));
        spec.addPositional(positional("0", "SRC", "CONTAINER:SRC_PATH, SRC_PATH or - (a tar on stdin)",
                v -> source = v));
        spec.addPositional(positional("1", "DEST", "CONTAINER:DEST_PATH, DEST_PATH or - (a tar on stdout)",
                v -> destination = v));
        return spec;
    }

    /** Docker's split: the container's name, or null for a local path. */
    record Endpoint(String container, String path) {
        static Endpoint of(String arg) {
            int colon = arg.indexOf(':');
            if (arg.startsWith("/") || colon < 0 || arg.substring(0, colon).startsWith(".")) {
                return new Endpoint(null, arg);
            }
            return new Endpoint(arg.substring(0, colon), arg.substring(colon + 1));
        }
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        Endpoint from = Endpoint.of(source);
        Endpoint to = Endpoint.of(destination);
        if (from.path().isEmpty()) {
            throw new CliException("source can not be empty");
        }
        if (to.path().isEmpty()) {
            throw new CliException("destination can not be empty");
        }
        if (from.container() != null && to.container() != null) {
            throw new CliException("copying between containers is not supported");
        }
        if (from.container() == null && to.container() == null) {
            throw new CliException("must specify at least one container source");
        }
        ContainerCopy copy = new ContainerCopy(context.starter(false), context.lifecycle(), Syscalls.system());
        if (from.container() != null) {
            copy.out(context.container(from.container()), from.path(), to.path(), followLink, context.out);
            context.out.flush();
        } else {
            copy.in(from.path(), context.container(to.container()), to.path(), archive, followLink, System.in);
        }
        return ExitCodes.OK;
    }
}
