package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minidocker.launcher.LaunchException;
import org.junit.jupiter.api.Test;

/** {@code --device} as Docker's CLI reads it. */
class DeviceMappingTest {
    @Test
    void theContainerPathAndPermissionsDefaultToTheHostPathAndRwm() throws Exception {
        assertEquals(new DeviceMapping("/dev/kvm", "/dev/kvm", "rwm"), DeviceMapping.parse("/dev/kvm"));
        assertEquals(new DeviceMapping("/dev/sda", "/dev/xvda", "rwm"), DeviceMapping.parse("/dev/sda:/dev/xvda"));
        assertEquals(new DeviceMapping("/dev/sda", "/dev/sda", "r"), DeviceMapping.parse("/dev/sda:r"));
        assertEquals(new DeviceMapping("/dev/sda", "/dev/xvda", "rw"), DeviceMapping.parse("/dev/sda:/dev/xvda:rw"));
        assertEquals(new DeviceMapping("/dev/sda", "/dev/x", "mr"), DeviceMapping.parse("/dev/sda:/dev/y/../x/:mr"));
    }

    @Test
    void badSpecificationsAreRefusedInDockersWords() {
        assertEquals("invalid argument \":/x\" for \"--device\" flag: bad format for path: :/x",
                assertThrows(LaunchException.class, () -> DeviceMapping.parse(":/x")).getMessage());
        assertEquals("invalid argument \"/a:/b:/c:r\" for \"--device\" flag: bad format for path: /a:/b:/c:r",
                assertThrows(LaunchException.class, () -> DeviceMapping.parse("/a:/b:/c:r")).getMessage());
        assertEquals("invalid argument \"/a:/b:rwx\" for \"--device\" flag: bad mode specified: rwx",
                assertThrows(LaunchException.class, () -> DeviceMapping.parse("/a:/b:rwx")).getMessage());
        assertEquals("invalid argument \"/a:rr\" for \"--device\" flag: rr is not an absolute path",
                assertThrows(LaunchException.class, () -> DeviceMapping.parse("/a:rr")).getMessage());
        assertEquals("invalid argument \"/a:b\" for \"--device\" flag: b is not an absolute path",
                assertThrows(LaunchException.class, () -> DeviceMapping.parse("/a:b")).getMessage());
    }
}
