package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
    /** Docker's wording (go-units HumanDuration) at each boundary. */
    @ParameterizedTest
    @CsvSource({
        "PT0S,          Less than a second",
        "PT0.999S,      Less than a second",
        "PT-5S,         Less than a second",
        "PT1S,          1 second",
        "PT59S,         59 seconds",
        "PT60S,         About a minute",
        "PT1M59S,       About a minute",
        "PT2M,          2 minutes",
        "PT59M59S,      59 minutes",
        "PT60M,         About an hour",
        "PT89M,         About an hour",
        "PT90M,         2 hours",
        "PT47H,         47 hours",
        "PT47H30M,      2 days",
        "P3D,           3 days",
        "P13D,          13 days",
        "P14D,          2 weeks",
        "P59D,          8 weeks",
        "P60D,          2 months",
        "P729D,         24 months",
        "P730D,         2 years",
        "P1095D,        3 years",
    })
    void wordsDurationsAsDocker(Duration d, String words) {
        assertEquals(words, HumanDuration.format(d));
    }

    @Test
    void yearsCountWholeHours() {
        // Rounded, this is 17520 hours, two years; Docker counts the 17519 whole hours: one year.
        assertEquals("1 years", HumanDuration.format(Duration.ofHours(17519).plusMinutes(40)));
    }

    @Test
    void agoAddsAgoOrSaysNotAvailable() {
        Instant now = Instant.parse("2024-06-01T12:00:00Z");
        assertEquals("2 months ago", HumanDuration.ago(Instant.parse("2024-03-15T12:00:00Z"), now));
        assertEquals("About an hour ago", HumanDuration.ago(now.minusSeconds(3600), now));
        assertEquals("N/A", HumanDuration.ago(null, now));
    }
}
