package dev.minidocker.cli;

import dev.minidocker.puller.progress.HumanSize;
import java.io.PrintStream;
import java.util.List;

/**
 * What one prune removed: its section of the output ({@code Deleted Containers:}, {@code Deleted
 * Images:}) and the bytes it freed, so that {@code system prune} prints what each prune prints.
 */
record Pruned(String heading, List<String> lines, long reclaimed) {
    Pruned {
        lines = List.copyOf(lines);
    }

    /** The heading, a line per item and a blank line, as Docker prints them; nothing when nothing went. */
    void print(PrintStream out) {
        if (lines.isEmpty()) {
            return;
        }
        out.println(heading);
        lines.forEach(out::println);
        out.println();
    }

    /** Docker's last line, in go-units' HumanSize (four significant digits). */
    static void printTotal(PrintStream out, long bytes) {
        out.println("Total reclaimed space: " + HumanSize.format(bytes, 4));
    }
}
