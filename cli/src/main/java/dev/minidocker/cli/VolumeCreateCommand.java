package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker volume create}: a local volume, named or drawn; prints its name, as Docker does. */
final class VolumeCreateCommand implements CodedCommand {
    String driver = "local";
    final List<String> labels = new ArrayList<>();
    String name;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "create", "Create a volume.");
        spec.addOption(value(String.class, "DRIVER", "Volume driver name: local.", v -> driver = v, "-d", "--driver"));
        spec.addOption(repeated(String.class, "KEY=VALUE", "Set metadata for a volume (repeatable).", labels,
                "--label"));
        spec.addPositional(positional("0", "VOLUME", null, v -> name = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException {
        if (!driver.equals("local")) {
            throw new CliException("create " + (name == null ? "" : name) + ": error looking up volume plugin " + driver
                    + ": plugin \"" + driver + "\" not found");
        }
        context.out.println(context.volumes().create(name, labels(labels)).name());
        return ExitCodes.OK;
    }

    /** {@code --label K=V} and {@code --label K} (an empty value), as Docker reads them. */
    static Map<String, String> labels(List<String> labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            map.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return map;
    }
}
