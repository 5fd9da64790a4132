package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.optionalPositional;
import static dev.minidocker.cli.CodedOptions.repeated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.logs.LogTime;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker images [REPOSITORY[:TAG]]}: the table Docker prints, ids only with {@code -q}, or a format. */
final class ImagesCommand implements CodedCommand {
    private static final Set<String> FILTERS = Set.of("reference", "dangling", "label", "before", "since", "until");

    boolean all;
    boolean quiet;
    boolean digests;
    boolean noTrunc;
    String repository;
    final List<String> filters = new ArrayList<>();
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "images", "List images.");
        spec.addOption(flag("Show all images (there are no intermediate images to hide: the same list).",
                v -> all = v, "-a", "--all"));
        spec.addOption(flag("Only show image IDs.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(flag("Show digests.", v -> digests = v, "--digests"));
        spec.addOption(flag("Show full image IDs.", v -> noTrunc = v, "--no-trunc"));
        spec.addOption(repeated(String.class, "KEY=VALUE", "Filter output: reference=PATTERN, dangling=true|false, "
                + "label=KEY[=VALUE], before=IMAGE, since=IMAGE, until=TIMESTAMP (repeatable).", filters, "-f", "--filter"));
        format.addTo(spec);
        spec.addPositional(optionalPositional("0", "REPOSITORY[:TAG]", v -> repository = v));
        return spec;
    }

    private FormatOption.Layout layout() {
        Map<String, String> titles = FormatOption.Layout.titles("Repository", "REPOSITORY", "Tag", "TAG",
                "Digest", "DIGEST", "ID", "IMAGE ID", "CreatedSince", "CREATED", "Size", "SIZE", "CreatedAt",
                "CREATED AT", "VirtualSize", "VIRTUAL SIZE", "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE",
                "Containers", "CONTAINERS");
        List<String> columns = digests ? List.of("Repository", "Tag", "Digest", "ID", "CreatedSince", "Size")
                : List.of("Repository", "Tag", "ID", "CreatedSince", "Size");
        return new FormatOption.Layout("*formatter.imageContext", titles, columns);
    }

    @Override
    public int call(Context context) throws StoreException, CliException, IOException {
        List<ImageRows.Row> rows = select(context, ImageRows.of(context.store()));
        Instant now = Instant.now();
        if (quiet) {
            // One id per row, as Docker prints them: an image with two tags shows twice.
            rows.forEach(r -> context.out.println(id(r)));
            return ExitCodes.OK;
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (ImageRows.Row r : rows) {
            objects.add(json(r, now));
        }
        format.print(context.out, layout(), objects);
        return ExitCodes.OK;
    }

    /** The rows the argument and the filters ask for; each filter given must match, as Docker's. */
    private List<ImageRows.Row> select(Context context, List<ImageRows.Row> rows)
            throws CliException, StoreException, IOException {
        Filters f = Filters.parse(filters, FILTERS);
        List<Pattern> references = new ArrayList<>();
        for (String reference : f.get("reference")) {
            references.add(glob(reference));
        }
        Pattern argument = repository == null ? null : glob(repository);
        Boolean dangling = null;
        for (String value : f.get("dangling")) {
            dangling = Filters.bool("dangling", value);
        }
        Instant before = bound(context, f.get("before"));
        Instant since = bound(context, f.get("since"));
        Instant until = null;
        for (String value : f.get("until")) {
            try {
                until = LogTime.parse(value, Instant.now(), ZoneId.systemDefault());
            } catch (LaunchException e) {
                throw new CliException(e.getMessage());
            }
        }
        Map<Digest, JsonNode> labels = new HashMap<>();
        List<ImageRows.Row> shown = new ArrayList<>();
        for (ImageRows.Row r : rows) {
            boolean tagged = !r.repository().equals("<none>");
            boolean match = (references.isEmpty() || (tagged && references.stream().anyMatch(p -> matches(p, r))))
                    && (argument == null || (tagged && matches(argument, r)))
                    && (dangling == null || dangling != tagged)
                    && (before == null || (r.created() != null && r.created().isBefore(before)))
                    && (since == null || (r.created() != null && r.created().isAfter(since)))
                    && (until == null || (r.created() != null && r.created().isBefore(until)));
            if (match && f.has("label")) {
                JsonNode l = labels.get(r.image().id());
                if (l == null) {
                    l = DockerJson.read(context.store().blobs().read(r.image().id())).path("config").path("Labels");
                    labels.put(r.image().id(), l);
                }
                match = f.labelsMatch(l);
            }
            if (match) {
                shown.add(r);
            }
        }
        return shown;
    }

    /** Whether {@code pattern} matches the row's repository, or its repository:tag, as Docker's reference filter. */
    private static boolean matches(Pattern pattern, ImageRows.Row r) {
        return pattern.matcher(r.repository()).matches() || pattern.matcher(r.repository() + ":" + r.tag()).matches();
    }

    /** A shell pattern as Go's {@code path.Match} reads it: {@code *} and {@code ?} stop at a slash. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[', ']' -> regex.append(c);
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** When the image a {@code before=} or {@code since=} filter names was created; null when none. */
    private static Instant bound(Context context, List<String> images) throws StoreException, CliException {
        Instant bound = null;
        for (String name : images) {
            ImageRecord image = context.image(name);
            bound = ImageRows.created(image);
        }
        return bound;
    }

    private String id(ImageRows.Row r) {
        return noTrunc ? r.image().id().toString() : r.image().id().shortHex();
    }

    private ObjectNode json(ImageRows.Row r, Instant now) {
        String size = HumanSize.format(r.image().size());
        ObjectNode m = DockerJson.object();
        m.put("Containers", "N/A");
        m.put("CreatedAt", r.created() == null ? "" : r.created().toString());
        m.put("CreatedSince", HumanDuration.ago(r.created(), now));
        m.put("Digest", r.digest());
        m.put("ID", id(r));
        m.put("Repository", r.repository());
        m.put("SharedSize", "N/A");
        m.put("Size", size);
        m.put("Tag", r.tag());
        m.put("UniqueSize", "N/A");
        m.put("VirtualSize", size);
        return m;
    }
}
