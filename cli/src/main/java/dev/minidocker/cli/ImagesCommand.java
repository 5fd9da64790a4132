package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.StoreException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker images}: the table Docker prints, ids only with {@code -q}, or JSON lines. */
final class ImagesCommand implements CodedCommand {
    boolean quiet;
    boolean digests;
    boolean noTrunc;
    String format = "table";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "images", "List images.");
        spec.addOption(flag("Only show image IDs.", v -> quiet = v, "-q", "--quiet"));
        spec.addOption(flag("Show digests.", v -> digests = v, "--digests"));
        spec.addOption(flag("Show full image IDs.", v -> noTrunc = v, "--no-trunc"));
        spec.addOption(value(String.class, "FORMAT", "'table' (default) or 'json' (one object per line).",
                v -> format = v, "--format"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException {
        List<ImageRows.Row> rows = ImageRows.of(context.store());
        Instant now = Instant.now();
        if (quiet) {
            // One id per row, as Docker prints them: an image with two tags shows twice.
            rows.forEach(r -> context.out.println(id(r)));
        } else if (format.equals("json")) {
            for (ImageRows.Row r : rows) {
                context.out.println(DockerJson.line(json(r, now)));
            }
        } else if (format.equals("table")) {
            Table table = digests
                    ? new Table("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
                    : new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
            for (ImageRows.Row r : rows) {
                String created = HumanDuration.ago(r.created(), now);
                String size = HumanSize.format(r.image().size());
                if (digests) {
                    table.add(r.repository(), r.tag(), r.digest(), id(r), created, size);
                } else {
                    table.add(r.repository(), r.tag(), id(r), created, size);
                }
            }
            table.print(context.out);
        } else {
            throw new CliException("unsupported --format \"" + format + "\": use table or json", ExitCodes.ENGINE);
        }
        return ExitCodes.OK;
    }

    private String id(ImageRows.Row r) {
        return noTrunc ? r.image().id().toString() : r.image().id().shortHex();
    }

    private ObjectNode json(ImageRows.Row r, Instant now) {
        ObjectNode m = DockerJson.object();
        m.put("CreatedAt", r.created() == null ? "" : r.created().toString());
        m.put("CreatedSince", HumanDuration.ago(r.created(), now));
        m.put("Digest", r.digest());
        m.put("ID", id(r));
        m.put("Repository", r.repository());
        m.put("Size", HumanSize.format(r.image().size()));
        m.put("Tag", r.tag());
        return m;
    }
}
