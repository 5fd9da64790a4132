package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker ps}: Docker's table of containers, newest first; running ones only unless {@code -a}. */
final class PsCommand implements CodedCommand {
    boolean all;
    boolean quiet;
    boolean noTrunc;
    final List<String> filters = new ArrayList<>();
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "ps", "List containers.");
        spec.addOption(flag("Show all containers (default shows just running).", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Only display container IDs.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(flag("Don't truncate output.", v -> noTrunc = v, "--no-trunc"));
        spec.addOption(repeated(String.class, "KEY=VALUE",
                "Filter: status=created|running|exited, name=REGEX, id=PREFIX (repeatable).", filters,
                "-f", "--filter"));
        format.addTo(spec);
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException {
        List<ContainerRecord> shown = select(context.store().containers().listed().records());
        Instant now = Instant.now();
        if (quiet) {
            shown.forEach(c -> context.out.println(id(c)));
        } else if (format.isTable()) {
            Table table = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
            for (ContainerRecord c : shown) {
                table.addFields(ContainerSummary.of(c, now, !noTrunc, ports(context, c)),
                        "ID", "Image", "Command", "RunningFor", "Status", "Ports", "Names");
            }
            table.print(context.out);
        } else {
            GoTemplate template = format.template();
            for (ContainerRecord c : shown) {
                context.out.println(template.apply(ContainerSummary.of(c, now, !noTrunc, ports(context, c))));
            }
        }
        return ExitCodes.OK;
    }

    /** The PORTS of a running container (its endpoints are read only then), empty for the others. */
    private static String ports(Context context, ContainerRecord c) throws StoreException {
        if (c.state().status() != ContainerStatus.RUNNING) {
            return "";
        }
        try {
            return ContainerSummary.ports(c, context.networks().endpointsOf(c.id()));
        } catch (LaunchException e) {
            return "";
        }
    }

    /** The containers the flags ask for, newest first. A status filter shows stopped ones without {@code -a}, as Docker's. */
    private List<ContainerRecord> select(List<ContainerRecord> records) throws CliException {
        List<String> statuses = new ArrayList<>();
        List<Pattern> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            String key = eq < 0 ? filter : filter.substring(0, eq);
            String value = eq < 0 ? "" : filter.substring(eq + 1);
            switch (key) {
                case "status" -> {
                    if (!List.of("created", "running", "exited").contains(value)) {
                        throw new CliException("invalid filter 'status=" + value + "'", ExitCodes.FAILURE);
                    }
                    statuses.add(value);
                }
                case "name" -> names.add(pattern(value));
                case "id" -> ids.add(value);
                default -> throw new CliException("invalid filter '" + filter + "': use status=, name= or id=",
                        ExitCodes.FAILURE);
            }
        }
        boolean everyStatus = all || !statuses.isEmpty();
        return records.stream()
                .filter(c -> everyStatus || c.state().status() == ContainerStatus.RUNNING)
                .filter(c -> statuses.isEmpty() || statuses.contains(c.state().status().word()))
                .filter(c -> names.isEmpty() || names.stream().anyMatch(p -> p.matcher("/" + c.name()).find()))
                .filter(c -> ids.isEmpty() || ids.stream().anyMatch(c.id()::startsWith))
                .sorted((a, b) -> b.created().compareTo(a.created()))
                .toList();
    }

    private static Pattern pattern(String regex) throws CliException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CliException("invalid filter 'name=" + regex + "': " + e.getDescription(), ExitCodes.FAILURE);
        }
    }

    private String id(ContainerRecord c) {
        return noTrunc ? c.id() : c.shortId();
    }
}
