package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private static List<String> printed(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void imagesLayOutAsDockers() {
        Table table = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        table.add("busybox", "latest", "beae173ccac6", "2 years ago", "1.24MB");
        table.add("localhost:5000/a/b", "t", "3f57d9401f8d", "3 days ago", "7.8MB");
        assertEquals(List.of(
                "REPOSITORY           TAG       IMAGE ID       CREATED       SIZE",
                "busybox              latest    beae173ccac6   2 years ago   1.24MB",
                "localhost:5000/a/b   t         3f57d9401f8d   3 days ago    7.8MB"), printed(table));
    }

    @Test
    void columnsAreAtLeastTenWide() {
        Table table = new Table("A", "B", "C");
        table.add("1", "2", "3");
        assertEquals(List.of("A         B         C", "1         2         3"), printed(table));
    }

    @Test
    void aHeaderAloneIsPrinted() {
        assertEquals(List.of("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE"),
                printed(new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE")));
    }

    @Test
    void emptyLastCellsLeaveNoTrailingSpaces() {
        Table table = new Table("NAME", "NOTE");
        table.add("busybox", "");
        assertEquals(List.of("NAME      NOTE", "busybox"), printed(table));
    }
}
