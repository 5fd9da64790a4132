package dev.minidocker.launcher.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogQueryTest {
    @Test
    void tailIsANumberOrAll() {
        assertEquals(5, LogQuery.tail("5"));
        assertEquals(0, LogQuery.tail("0"));
        assertEquals(7, LogQuery.tail("+7"));
        for (String all : new String[] {"all", "-1", "-20", "ten", "", "5.5"}) {
            assertEquals(-1, LogQuery.tail(all), all);
        }
    }
}
