package dev.minidocker.launcher.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.launcher.LaunchException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LogTimeTest {
    private static final Instant NOW = Instant.parse("2026-11-28T18:55:34.7Z");
    /** +01:00 on NOW, +02:00 in summer. */
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Instant parse(String value) throws LaunchException {
        return LogTime.parse(value, NOW, PARIS);
    }

    private static void assertParses(String expected, String value) throws LaunchException {
        assertEquals(Instant.parse(expected), parse(value), value);
    }

    @Test
    void aDurationIsThatLongBeforeNowInWholeSeconds() throws LaunchException {
        assertParses("2026-11-28T18:45:34Z", "10m");
        assertParses("2026-11-28T17:25:34Z", "1h30m");
        assertParses("2026-11-28T18:54:52Z", "42s");
        assertParses("2026-11-28T18:55:34Z", "300ms");
        assertParses("2026-11-28T19:05:34Z", "-10m");
    }

    @Test
    void dateTimesWithAZoneAreThatMoment() throws LaunchException {
        assertParses("2026-11-28T18:00:00Z", "2026-11-28T18:00:00Z");
        assertParses("2026-11-28T18:00:00.5Z", "2026-11-28T18:00:00.5Z");
        assertParses("2026-11-28T16:00:00.123456789Z", "2026-11-28T18:00:00.123456789+02:00");
        assertParses("2026-11-28T23:00:00Z", "2026-11-28T18:00:00-05:00");
        assertParses("2026-11-28T18:30:00Z", "2026-11-28T18:30Z");
        assertParses("2026-11-28T18:00:00Z", "2026-11-28T18Z");
        assertParses("2026-11-28T16:00:00Z", "2026-11-28T18+02:00");
        assertParses("2026-11-28T00:00:00Z", "2026-11-28Z");
        assertParses("2026-11-27T22:00:00Z", "2026-11-28+02:00");
        assertParses("2026-11-28T05:00:00Z", "2026-11-28-05:00");
    }

    @Test
    void dateTimesWithoutAZoneAreInTheLocalOffsetOfNow() throws LaunchException {
        assertParses("2026-11-28T17:00:00Z", "2026-11-28T18:00:00");
        assertParses("2026-11-28T17:00:00.25Z", "2026-11-28T18:00:00.25");
        assertParses("2026-11-28T17:30:00Z", "2026-11-28T18:30");
        assertParses("2026-11-28T17:00:00Z", "2026-11-28T18");
        assertParses("2026-11-27T23:00:00Z", "2026-11-28");
        // Docker's client fixes the offset the zone has now, not the one it has on that date.
        assertParses("2026-07-01T11:00:00Z", "2026-07-01T12:00:00");
    }

    @Test
    void numbersAreUnixSecondsWithAFraction() throws LaunchException {
        assertParses("2025-11-28T18:40:00Z", "1764355200");
        assertParses("2025-11-28T18:40:00.5Z", "1764355200.5");
        assertParses("2025-11-28T18:40:00.123456789Z", "1764355200.123456789123");
        assertEquals(Instant.EPOCH, parse("0"));
    }

    @Test
    void refusesWhatDockerRefusesWithItsWords() {
        LaunchException word = assertThrows(LaunchException.class, () -> parse("yesterday"));
        assertEquals("failed to parse value as time or duration: \"yesterday\"", word.getMessage());
        for (String date : new String[] {"2026-13-01", "2026-02-30T10:00:00", "2026-11-28 18:00:00", "2026-11-28T25:00",
                "2026-11-28T18:00:00z"}) {
            LaunchException e = assertThrows(LaunchException.class, () -> parse(date), date);
            assertTrue(e.getMessage().startsWith("parsing time \"" + date + "\": "), e.getMessage());
        }
        assertThrows(LaunchException.class, () -> parse("12.5.3"));
    }

    @Test
    void readsEntryTimesAsInstantParseDoes() {
        for (String time : new String[] {"2026-11-28T18:55:34.123456789Z", "2026-11-28T18:55:34Z", "2026-11-28T18:55:34.1Z",
                "2024-02-29T23:59:59.000001Z", "1970-01-01T00:00:00Z", "2026-11-28T19:55:34.5+01:00"}) {
            assertEquals(Instant.parse(time), LogTime.instant(time), time);
        }
        for (String time : new String[] {"2026-11-28T25:00:00Z", "2026-02-30T18:55:34Z",
                "2026-11-28T18:55:34.1234567890Z", "2026-11-28 18:55:34Z", "2026-11-28T18:5x:34Z"}) {
            assertThrows(DateTimeException.class, () -> LogTime.instant(time), time);
        }
    }

    @Test
    void printsEntryTimesWithNineDigitsInUtc() {
        assertEquals("2026-11-28T18:55:34.123456789Z", LogTime.format(MonitorLog.T0));
        assertEquals("2026-11-28T18:55:34.000000000Z", LogTime.format(Instant.parse("2026-11-28T19:55:34+01:00")));
    }
}
