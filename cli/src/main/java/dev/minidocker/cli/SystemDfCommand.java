package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.StoreException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker system df}: Docker's table of what images, containers, local volumes and the
 * build cache take on disk, and what removing the unused ones would free (see {@link DiskUsage}
 * for what is counted); {@code -v} lists each image and container.
 */
final class SystemDfCommand implements CodedCommand {
    boolean verbose;
    final FormatOption format = new FormatOption();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "df", "Show minidocker disk usage.");
        spec.addOption(flag("Show detailed information on space usage.", v -> verbose = v, "-v", "--verbose"));
        format.addTo(spec);
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, LaunchException, CliException {
        DiskUsage usage = context.diskUsage();
        boolean table = format.isTable();
        GoTemplate template = table ? null : format.template();
        if (verbose) {
            ObjectNode details = DiskUsageRows.details(usage, context.store().images().tags(), Instant.now(), table);
            if (table) {
                printDetails(details, context.out);
            } else {
                context.out.println(template.apply(details));
            }
            return ExitCodes.OK;
        }
        Table rows = new Table("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        for (ObjectNode row : DiskUsageRows.summary(usage)) {
            if (table) {
                rows.addFields(row, "Type", "TotalCount", "Active", "Size", "Reclaimable");
            } else {
                context.out.println(template.apply(row));
            }
        }
        if (table) {
            rows.print(context.out);
        }
        return ExitCodes.OK;
    }

    /** A column of a {@code -v} table: its header, and the field of each row it shows. */
    private record Column(String header, String field) {
    }

    /** Docker's four sections, each a heading and a table (the last two empty here). */
    private static void printDetails(ObjectNode details, PrintStream out) {
        section(out, "Images space usage:", details.path("Images"), List.of(new Column("REPOSITORY", "Repository"),
                new Column("TAG", "Tag"), new Column("IMAGE ID", "ID"), new Column("CREATED", "CreatedSince"),
                new Column("SIZE", "Size"), new Column("SHARED SIZE", "SharedSize"),
                new Column("UNIQUE SIZE", "UniqueSize"), new Column("CONTAINERS", "Containers")));
        out.println();
        section(out, "Containers space usage:", details.path("Containers"), List.of(new Column("CONTAINER ID", "ID"),
                new Column("IMAGE", "Image"), new Column("COMMAND", "Command"),
                new Column("LOCAL VOLUMES", "LocalVolumes"), new Column("SIZE", "Size"),
                new Column("CREATED", "RunningFor"), new Column("STATUS", "Status"), new Column("NAMES", "Names")));
        out.println();
        section(out, "Local Volumes space usage:", details.path("Volumes"), List.of(new Column("VOLUME NAME", "Name"),
                new Column("LINKS", "Links"), new Column("SIZE", "Size")));
        out.println();
        section(out, "Build cache usage: " + HumanSize.format(0, 4), details.path("BuildCache"), List.of(
                new Column("CACHE ID", "ID"), new Column("CACHE TYPE", "CacheType"), new Column("SIZE", "Size"),
                new Column("CREATED", "CreatedSince"), new Column("LAST USED", "LastUsedSince"),
                new Column("USAGE", "UsageCount"), new Column("SHARED", "Shared")));
    }

    private static void section(PrintStream out, String heading, JsonNode rows, List<Column> columns) {
        out.println(heading);
        out.println();
        Table table = new Table(columns.stream().map(Column::header).toArray(String[]::new));
        String[] fields = columns.stream().map(Column::field).toArray(String[]::new);
        rows.forEach(row -> table.addFields(row, fields));
        table.print(out);
    }
}
