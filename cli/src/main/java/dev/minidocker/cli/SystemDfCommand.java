package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.puller.progress.HumanSize;
import dev.minidocker.store.DiskUsage;
import dev.minidocker.store.StoreException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minidocker system df}: Docker's table of what images, containers, local volumes and the
 * build cache take on disk, and what removing the unused ones would free (see {@link DiskUsage}
 * for what is counted); {@code -v} lists each image and container.
 */
@Command(name = "df", mixinStandardHelpOptions = true, description = "Show minidocker disk usage.")
final class SystemDfCommand implements Callable<Integer> {
    @ParentCommand
    ContextSource parent;

    @Option(names = {"-v", "--verbose"}, description = "Show detailed information on space usage.")
    boolean verbose;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "'table' (default), 'json' (one object per line), or a template such as '{{.Size}}'.")
    String format = "table";

    @Override
    public Integer call() throws StoreException, LaunchException, CliException {
        Context context = parent.context();
        DiskUsage usage = context.diskUsage();
        boolean table = format.equals("table");
        GoTemplate template = table ? null : GoTemplate.parse(format.equals("json") ? "{{json .}}" : format);
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

    /** Docker's four sections, each a heading and a table (the last two empty here). */
    private static void printDetails(ObjectNode details, PrintStream out) {
        out.print("Images space usage:\n\n");
        Table images = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE",
                "CONTAINERS");
        for (JsonNode i : details.path("Images")) {
            images.addFields(i, "Repository", "Tag", "ID", "CreatedSince", "Size", "SharedSize", "UniqueSize", "Containers");
        }
        images.print(out);
        out.print("\nContainers space usage:\n\n");
        Table containers = new Table("CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS",
                "NAMES");
        for (JsonNode c : details.path("Containers")) {
            containers.addFields(c, "ID", "Image", "Command", "LocalVolumes", "Size", "RunningFor", "Status", "Names");
        }
        containers.print(out);
        out.print("\nLocal Volumes space usage:\n\n");
        new Table("VOLUME NAME", "LINKS", "SIZE").print(out);
        out.print("\nBuild cache usage: " + HumanSize.format(0, 4) + "\n\n");
        new Table("CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED").print(out);
    }
}
