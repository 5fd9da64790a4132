package dev.minidocker.launcher.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void readsGosForms() {
        assertEquals(Optional.of(Duration.ofMinutes(10)), GoDuration.parse("10m"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), GoDuration.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofSeconds(42)), GoDuration.parse("42s"));
        assertEquals(Optional.of(Duration.ofMinutes(-90)), GoDuration.parse("-1.5h"));
        assertEquals(Optional.of(Duration.ofMillis(300)), GoDuration.parse("+300ms"));
        assertEquals(Optional.of(Duration.ofNanos(1_001_001)), GoDuration.parse("1ms1us1ns"));
        assertEquals(Optional.of(Duration.ofNanos(2_000)), GoDuration.parse("1µs1μs"));
        assertEquals(Optional.of(Duration.ofMillis(500)), GoDuration.parse(".5s"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), GoDuration.parse("5.s"));
        assertEquals(Optional.of(Duration.ofNanos(1)), GoDuration.parse("1.9ns"));
        assertEquals(Optional.of(Duration.ZERO), GoDuration.parse("0"));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String text : new String[] {"", "10", "m", "1d", "1hm", ".s", "1h-30m", "1 h", "3000000h"}) {
            assertEquals(Optional.empty(), GoDuration.parse(text), text);
        }
    }
}
