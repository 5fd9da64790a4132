package dev.minidocker.cli;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.Networks;
import dev.minidocker.store.StoreException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code minidocker network rm}: each network as named, or its error; status 1 if any failed. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove one or more networks.")
final class NetworkRmCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Override
    public Integer call() throws StoreException {
        Context context = parent.context();
        Networks networks = context.networks();
        int status = ExitCodes.OK;
        for (String name : names) {
            try {
                networks.remove(networks.find(name));
                context.out.println(name);
            } catch (LaunchException e) {
                context.err.println("minidocker: " + e.getMessage());
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
