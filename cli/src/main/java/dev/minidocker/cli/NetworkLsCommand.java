package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.network.NetworkRecord;
import dev.minidocker.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker network ls}: Docker's columns, ids only with {@code -q}, and Docker's filters. */
final class NetworkLsCommand implements CodedCommand {
    boolean quiet;
    boolean noTrunc;
    final List<String> filters = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "ls", "List networks.");
        spec.addOption(flag("Only display network IDs.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(flag("Do not truncate the output.", v -> noTrunc = v, "--no-trunc"));
        spec.addOption(repeated(String.class, "KEY=VALUE",
                "Filter: name=PART, id=PREFIX, driver=NAME, label=KEY[=VALUE], type=custom|builtin.", filters,
                "-f", "--filter"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException {
        Map<String, List<String>> wanted = parse(filters);
        Table table = new Table("NETWORK ID", "NAME", "DRIVER", "SCOPE");
        for (NetworkRecord n : context.networks().list()) {
            if (!matches(n, wanted)) {
                continue;
            }
            String id = noTrunc ? n.id() : n.shortId();
            if (quiet) {
                context.out.println(id);
            } else {
                table.add(id, n.name(), n.driver(), "local");
            }
        }
        if (!quiet) {
            table.print(context.out);
        }
        return ExitCodes.OK;
    }

    private static Map<String, List<String>> parse(List<String> filters) throws CliException {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            if (eq < 0 || !List.of("name", "id", "driver", "label", "type").contains(key)) {
                throw new CliException("invalid filter '" + f + "'");
            }
            wanted.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return wanted;
    }

    /** Docker's rule: values of one key are alternatives, different keys must all match. */
    static boolean matches(NetworkRecord n, Map<String, List<String>> wanted) {
        for (Map.Entry<String, List<String>> f : wanted.entrySet()) {
            boolean any = f.getValue().stream().anyMatch(v -> switch (f.getKey()) {
                case "name" -> n.name().contains(v);
                case "id" -> n.id().startsWith(v);
                case "driver" -> n.driver().equals(v);
                case "label" -> v.contains("=")
                        ? v.substring(v.indexOf('=') + 1).equals(n.labels().get(v.substring(0, v.indexOf('='))))
                        : n.labels().containsKey(v);
                default -> v.equals(n.predefined() ? "builtin" : "custom");
            });
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
