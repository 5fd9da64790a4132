package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.repeated;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.Digest;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker ps}: Docker's table of containers, newest first; running ones only unless {@code -a}. */
final class PsCommand implements CodedCommand {
    private static final Set<String> FILTERS =
            Set.of("status", "name", "id", "label", "ancestor", "exited", "before", "since");
    private static final List<String> STATUSES =
            List.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    boolean all;
    boolean quiet;
    boolean noTrunc;
    boolean latest;
    boolean size;
    int last = -1;
    final List<String> filters = new ArrayList<>();
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "ps", "List containers.");
        spec.addOption(flag("Show all containers (default shows just running).", v -> all = v, "-a", "--all"));
        spec.addOption(flag("Only display container IDs.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(flag("Don't truncate output.", v -> noTrunc = v, "--no-trunc"));
        spec.addOption(flag("Show the latest created container (includes all states).", v -> latest = v,
                "-l", "--latest"));
        spec.addOption(value(Integer.class, "N", "Show n last created containers (includes all states).",
                v -> last = v, "-n", "--last"));
        spec.addOption(flag("Display total file sizes.", v -> size = v, "-s", "--size"));
        spec.addOption(repeated(String.class, "KEY=VALUE", "Filter output: status=, name=REGEX, id=PREFIX, "
                + "label=KEY[=VALUE], ancestor=IMAGE, exited=CODE, before=CONTAINER, since=CONTAINER (repeatable).",
                filters, "-f", "--filter"));
        format.addTo(spec);
        return spec;
    }

    /** Docker's titles of the fields of its container context, the default table's first (and SIZE with {@code -s}). */
    private FormatOption.Layout layout() {
        Map<String, String> titles = FormatOption.Layout.titles("ID", "CONTAINER ID", "Image", "IMAGE",
                "Command", "COMMAND", "RunningFor", "CREATED", "Status", "STATUS", "Ports", "PORTS", "Names", "NAMES",
                "CreatedAt", "CREATED AT", "State", "STATE", "Size", "SIZE", "Labels", "LABELS", "Mounts", "MOUNTS",
                "LocalVolumes", "LOCAL VOLUMES", "Networks", "NETWORKS");
        List<String> columns = new ArrayList<>(List.copyOf(titles.keySet()).subList(0, 7));
        if (size) {
            columns.add("Size");
        }
        return new FormatOption.Layout("*formatter.ContainerContext", titles, columns);
    }

    @Override
    public int call(Context context) throws StoreException, CliException, IOException, LaunchException {
        List<ContainerRecord> shown = select(context, context.store().containers().listed().records());
        Instant now = Instant.now();
        if (quiet) {
            shown.forEach(c -> context.out.println(noTrunc ? c.id() : c.shortId()));
            return ExitCodes.OK;
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ContainerRecord c : shown) {
            ObjectNode row = ContainerSummary.of(c, context.paused(c), now, !noTrunc, ports(context, c));
            if (size) {
                row.put("Size", size(context, c));
            }
            rows.add(row);
        }
        format.print(context.out, layout(), rows);
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

    /**
     * The containers the flags ask for, newest first. A status filter, {@code -n} and {@code -l}
     * show stopped ones without {@code -a}, as Docker's.
     */
    private List<ContainerRecord> select(Context context, List<ContainerRecord> records)
            throws CliException, StoreException, IOException, LaunchException {
        Filters f = Filters.parse(filters, FILTERS);
        for (String status : f.get("status")) {
            if (!STATUSES.contains(status)) {
                throw new CliException("invalid filter 'status=" + status + "'", ExitCodes.FAILURE);
            }
        }
        List<Pattern> names = new ArrayList<>();
        for (String name : f.get("name")) {
            names.add(pattern(name));
        }
        List<Integer> exited = new ArrayList<>();
        for (String code : f.get("exited")) {
            try {
                exited.add(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                throw new CliException("invalid filter 'exited=" + code + "'", ExitCodes.FAILURE);
            }
        }
        List<Digest> ancestors = new ArrayList<>();
        for (String image : f.get("ancestor")) {
            context.store().findImage(image).map(ImageRecord::id).ifPresent(ancestors::add);
        }
        Instant before = bound(context, f.get("before"));
        Instant since = bound(context, f.get("since"));
        Map<Digest, JsonNode> labels = new HashMap<>();
        int limit = latest ? 1 : last;
        boolean everyStatus = all || f.has("status") || limit > 0;
        List<ContainerRecord> shown = new ArrayList<>();
        for (ContainerRecord c : records) {
            Instant created = Instant.parse(c.created());
            ContainerStatus status = c.state().status();
            String word = f.has("status") && context.paused(c) ? "paused" : status.word();
            boolean match = (everyStatus || status == ContainerStatus.RUNNING)
                    && (!f.has("status") || f.get("status").contains(word))
                    && (names.isEmpty() || names.stream().anyMatch(p -> p.matcher("/" + c.name()).find()))
                    && (!f.has("id") || f.get("id").stream().anyMatch(c.id()::startsWith))
                    && (!f.has("ancestor") || ancestors.contains(c.imageId()))
                    && (!f.has("exited") || (status == ContainerStatus.EXITED && exited.contains(c.state().exitCode())))
                    && (before == null || created.isBefore(before))
                    && (since == null || created.isAfter(since));
            if (match && f.has("label") && !f.labelsMatch(imageLabels(context, c, labels))) {
                match = false;
            }
            if (match) {
                shown.add(c);
            }
        }
        shown.sort((a, b) -> b.created().compareTo(a.created()));
        return limit > 0 && shown.size() > limit ? shown.subList(0, limit) : shown;
    }

    /** Docker's SIZE: what the container wrote, and that with its image: {@code 12B (virtual 4.27MB)}. */
    private static String size(Context context, ContainerRecord c) throws StoreException, LaunchException {
        long written = DiskUsage.sizeOf(context.writableLayer(c));
        return HumanSize.format(written) + " (virtual " + HumanSize.format(written + context.imageSize(c)) + ")";
    }

    /** The labels a container has: its image's, which Docker copies into the container's own. */
    private static JsonNode imageLabels(Context context, ContainerRecord c, Map<Digest, JsonNode> read)
            throws StoreException, IOException {
        if (c.imageId() == null) {
            return null;
        }
        JsonNode labels = read.get(c.imageId());
        if (labels == null && context.store().images().get(c.imageId()).isPresent()) {
            labels = DockerJson.read(context.store().blobs().read(c.imageId())).path("config").path("Labels");
            read.put(c.imageId(), labels);
        }
        return labels;
    }

    /** When the container a {@code before=} or {@code since=} filter names was created; null when none. */
    private static Instant bound(Context context, List<String> containers) throws StoreException, CliException {
        Instant bound = null;
        for (String name : containers) {
            bound = Instant.parse(context.container(name).created());
        }
        return bound;
    }

    private static Pattern pattern(String regex) throws CliException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CliException("invalid filter 'name=" + regex + "': " + e.getDescription(), ExitCodes.FAILURE);
        }
    }
}
