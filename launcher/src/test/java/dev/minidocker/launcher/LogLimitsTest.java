package dev.minidocker.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.store.container.ContainerRecord.LogConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLimitsTest {
    @Test
    void jsonFileIsBoundedByDefault() throws LaunchException {
        LogConfig config = LogLimits.config(null, Map.of());
        assertEquals(new LogConfig("json-file", Map.of("max-size", "10m", "max-file", "3")), config);
        assertEquals(new LogLimits(true, 10L << 20, 3), LogLimits.of(config));
        assertEquals(new LogLimits(true, 10L << 20, 3), LogLimits.of(null), "a record made before logs existed");
    }

    @Test
    void optionsOverrideTheDefaultsOneByOne() throws LaunchException {
        assertEquals(new LogLimits(true, 1536, 3), LogLimits.of(LogLimits.config("json-file", Map.of("max-size", "1.5k"))));
        assertEquals(new LogLimits(true, 10L << 20, 7), LogLimits.of(LogLimits.config(null, Map.of("max-file", "7"))));
        assertEquals(new LogLimits(true, 2L << 30, 3), LogLimits.of(LogLimits.config(null, Map.of("max-size", "2GiB"))));
    }

    @Test
    void unboundedNeedsOneFile() throws LaunchException {
        assertEquals(new LogLimits(true, 0, 1), LogLimits.of(LogLimits.config(null, Map.of("max-size", "-1", "max-file", "1"))));
        LaunchException e = assertThrows(LaunchException.class,
                () -> LogLimits.config(null, Map.of("max-size", "-1")));
        assertEquals("max-file cannot be greater than 1 when max-size is not set", e.getMessage());
    }

    @Test
    void theNoneDriverKeepsNothingAndTakesNoOptions() throws LaunchException {
        assertEquals(new LogLimits(false, 0, 1), LogLimits.of(LogLimits.config("none", Map.of())));
        LaunchException e = assertThrows(LaunchException.class, () -> LogLimits.config("none", Map.of("max-size", "1m")));
        assertEquals("unknown log opt 'max-size' for none log driver", e.getMessage());
    }

    @Test
    void badInputIsNamedAsDockerNamesIt() {
        assertEquals("failed to create task for container: logger: no log driver named 'syslog' is registered"
                        + " (minidocker has json-file and none)",
                assertThrows(LaunchException.class, () -> LogLimits.config("syslog", Map.of())).getMessage());
        assertEquals("unknown log opt 'colour' for json-file log driver",
                assertThrows(LaunchException.class, () -> LogLimits.config(null, Map.of("colour", "red"))).getMessage());
        assertEquals("invalid log opt max-size: invalid size: 'lots'",
                assertThrows(LaunchException.class, () -> LogLimits.config(null, Map.of("max-size", "lots"))).getMessage());
        assertEquals("invalid log opt max-size: invalid size: '10q'",
                assertThrows(LaunchException.class, () -> LogLimits.config(null, Map.of("max-size", "10q"))).getMessage());
        assertEquals("max-file cannot be less than 1",
                assertThrows(LaunchException.class, () -> LogLimits.config(null, Map.of("max-file", "0"))).getMessage());
        assertEquals("invalid log opt max-file: 'x' is not a number",
                assertThrows(LaunchException.class, () -> LogLimits.config(null, Map.of("max-file", "x"))).getMessage());
    }
}
