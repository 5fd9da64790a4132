package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void dockersFourteenAreItsWellKnownMask() {
        assertEquals(0xa80425fbL, Capabilities.mask(TestBundle.DOCKER_CAPS));
    }

    @Test
    void namesRoundTripAndUnknownOnesAreLeftOut() {
        assertEquals(List.of("CHOWN", "SYS_ADMIN", "CHECKPOINT_RESTORE"),
                Capabilities.names(Capabilities.mask(List.of("CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE",
                        "CAP_FUTURE"))));
    }
}
