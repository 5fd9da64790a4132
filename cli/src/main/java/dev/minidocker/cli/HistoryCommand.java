package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.positional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker history IMAGE}: the steps of the image config's {@code history}, newest first, as
 * Docker prints them: the image's id on the top step and {@code <missing>} on the others (their
 * layers are not images of their own here), {@code 0B} for a step that made no layer
 * ({@code empty_layer}), else the size of its layer.
 */
final class HistoryCommand implements CodedCommand {
    private static final int CREATED_BY_WIDTH = 45;
    private static final FormatOption.Layout LAYOUT = new FormatOption.Layout("*image.historyContext",
            FormatOption.Layout.titles("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedBy", "CREATED BY",
                    "Size", "SIZE", "Comment", "COMMENT", "CreatedAt", "CREATED AT"),
            List.of("ID", "CreatedSince", "CreatedBy", "Size", "Comment"));

    boolean noTrunc;
    boolean quiet;
    boolean human = true;
    String image;
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "history", "Show the history of an image.");
        spec.addOption(flag("Don't truncate output.", v -> noTrunc = v, "--no-trunc"));
        spec.addOption(flag("Only show image IDs.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(CodedOptions.value(Boolean.class, "BOOL", "Print sizes and dates in human readable format "
                + "(default true).", v -> human = v, "-H", "--human"));
        format.addTo(spec);
        spec.addPositional(positional("0", "IMAGE", null, v -> image = v));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, IOException {
        ImageRecord record = context.image(image);
        List<ObjectNode> rows = rows(context.store(), record, Instant.now());
        if (quiet) {
            rows.forEach(r -> context.out.println(r.path("ID").asText()));
            return ExitCodes.OK;
        }
        format.print(context.out, LAYOUT, rows);
        return ExitCodes.OK;
    }

    /** One row per step of the history, newest first. */
    private List<ObjectNode> rows(Store store, ImageRecord record, Instant now) throws StoreException, IOException {
        JsonNode config = DockerJson.read(store.blobs().read(record.id()));
        List<Digest> layers = record.diffIds();
        List<ObjectNode> rows = new ArrayList<>();
        int layer = 0;
        for (JsonNode step : config.path("history")) {
            boolean empty = step.path("empty_layer").asBoolean(false);
            long size = 0;
            if (!empty && layer < layers.size()) {
                Digest diffId = layers.get(layer++);
                size = store.layers().has(diffId) ? store.layers().info(diffId).size() : 0;
            }
            rows.add(row(step, size, now));
        }
        List<ObjectNode> newestFirst = new ArrayList<>(rows.reversed());
        if (!newestFirst.isEmpty()) {
            newestFirst.getFirst().put("ID", noTrunc ? record.id().toString() : record.id().shortHex());
        }
        return newestFirst;
    }

    private ObjectNode row(JsonNode step, long size, Instant now) {
        Instant created = instant(step.path("created").asText(""));
        String createdBy = step.path("created_by").asText("").replace('\t', ' ');
        ObjectNode row = DockerJson.object();
        row.put("Comment", step.path("comment").asText(""));
        row.put("CreatedAt", created == null ? "" : created.toString());
        row.put("CreatedBy", noTrunc ? createdBy : ellipsis(createdBy, CREATED_BY_WIDTH));
        row.put("CreatedSince", human ? HumanDuration.ago(created, now) : created == null ? "" : created.toString());
        row.put("ID", "<missing>");
        row.put("Size", human ? HumanSize.format(size) : Long.toString(size));
        return row;
    }

    /** {@code s} cut to {@code width} characters, the last one an ellipsis, as Docker's tables cut it. */
    static String ellipsis(String s, int width) {
        return s.codePointCount(0, s.length()) <= width ? s
                : s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
