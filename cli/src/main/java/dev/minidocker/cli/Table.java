package dev.minidocker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Column output as Docker prints it (Go's tabwriter with minwidth 10, padding 3): left-aligned,
 * each column as wide as its widest cell plus three spaces, and at least ten.
 */
final class Table {
    private static final int PADDING = 3;
    private static final int MIN_WIDTH = 10;

    private final List<String[]> rows = new ArrayList<>();
    private final int minWidth;

    Table(String... header) {
        this(MIN_WIDTH, header);
    }

    /** A table whose columns are at least {@code minWidth} wide ({@code top}'s are 20). */
    Table(int minWidth, String... header) {
        this.minWidth = minWidth;
        rows.add(header);
    }

    void add(String... row) {
        rows.add(row);
    }

    /** A row of the text of {@code fields} of {@code row}, in that order, as Docker's templates pick them. */
    void addFields(JsonNode row, String... fields) {
        rows.add(Arrays.stream(fields).map(f -> row.path(f).asText()).toArray(String[]::new));
    }

    void print(PrintStream out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            // The last cell of a line is not part of a column, as in Go's tabwriter.
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], Math.max(minWidth, row[i].length() + PADDING));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length()));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Lines of tab-separated cells (a {@code table} template's output) laid out as Docker's tabwriter does. */
    static void printTabbed(String text, PrintStream out) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        Table table = new Table(lines[0].split("\t", -1));
        for (int i = 1; i < count; i++) {
            table.add(lines[i].split("\t", -1));
        }
        table.print(out);
    }
}
