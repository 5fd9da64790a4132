package dev.minidocker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityNamesTest {
    @Test
    void namesAreTheirNumbersBits() {
        assertEquals(1L | 1L << 5 | 1L << 21, CapabilityNames.mask(List.of("CAP_CHOWN", "CAP_KILL", "CAP_SYS_ADMIN"),
                unknown -> { }));
        assertEquals("CAP_SYS_ADMIN", CapabilityNames.name(21));
        assertEquals("63", CapabilityNames.name(63));
    }

    @Test
    void namesRoundTripAndUnknownOnesAreLeftOut() {
        List<String> unknown = new ArrayList<>();
        long mask = CapabilityNames.mask(List.of("CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE", "CAP_FUTURE"),
                unknown::add);
        assertEquals(List.of("CHOWN", "SYS_ADMIN", "CHECKPOINT_RESTORE"), CapabilityNames.names(mask));
        assertEquals(List.of("CAP_FUTURE"), unknown);
    }
}
