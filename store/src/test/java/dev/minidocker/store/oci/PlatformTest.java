package dev.minidocker.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.spec.json.Json;
import dev.minidocker.spec.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {
    @ParameterizedTest
    @CsvSource({
        "linux/amd64,       linux/amd64",
        "amd64,             linux/amd64",
        "LINUX/AMD64,       linux/amd64",
        "linux/x86_64,      linux/amd64",
        "linux/arm64,       linux/arm64/v8",
        "arm64,             linux/arm64/v8",
        "linux/aarch64,     linux/arm64/v8",
        "linux/arm64/v8,    linux/arm64/v8",
        "linux/arm/v7,      linux/arm/v7",
        "linux/armhf/v7,    linux/arm/v7",
        "windows/amd64,     windows/amd64",
    })
    void parsesWithTheSpecsNames(String typed, String wire) {
        assertEquals(wire, Platform.parse(typed).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linux/", "/amd64", "linux//v7", "linux/arm/v7/extra"})
    void refusesMalformedPlatforms(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(typed));
        assertEquals("invalid platform \"" + typed + "\": want os/arch[/variant]", e.getMessage());
    }

    @Test
    void currentIsThisLinuxMachine() {
        Platform here = Platform.current();
        assertEquals("linux", here.os());
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            assertEquals(Platform.parse("linux/amd64"), here);
        } else if (arch.equals("aarch64")) {
            assertEquals(Platform.parse("linux/arm64/v8"), here);
        }
        assertTrue(here.matches(here));
    }

    @Test
    void arm64WithoutVariantIsV8() {
        Platform wanted = Platform.parse("linux/arm64");
        assertTrue(wanted.matches(new Platform("linux", "arm64", null)));
        assertTrue(wanted.matches(new Platform("linux", "arm64", "v8")));
        assertFalse(wanted.matches(new Platform("linux", "arm64", "v9")));
    }

    @Test
    void aWantedVariantMustBeNamed() {
        Platform armV7 = Platform.parse("linux/arm/v7");
        assertTrue(armV7.matches(new Platform("linux", "arm", "v7")));
        assertFalse(armV7.matches(new Platform("linux", "arm", "v6")));
    }

    @Test
    void noWantedVariantTakesAny() {
        Platform amd64 = Platform.parse("linux/amd64");
        assertTrue(amd64.matches(new Platform("linux", "amd64", null)));
        assertTrue(amd64.matches(new Platform("linux", "amd64", "v3")));
    }

    @Test
    void osAndArchitectureMustAgree() {
        Platform amd64 = Platform.parse("linux/amd64");
        assertFalse(amd64.matches(new Platform("windows", "amd64", null)));
        assertFalse(amd64.matches(new Platform("linux", "arm64", null)));
        assertFalse(amd64.matches(new Platform("unknown", "unknown", null)));
        assertFalse(amd64.matches(null));
    }

    @Test
    void jsonHasTheSpecsFieldsOnly() throws Exception {
        assertEquals("{\n  \"os\" : \"linux\",\n  \"architecture\" : \"amd64\"\n}",
                new String(Json.write(Platform.parse("linux/amd64")), StandardCharsets.UTF_8));
        Platform read = JsonObject.read("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\",\"os.version\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8), Platform::fromJson);
        assertEquals(Platform.parse("linux/arm/v7"), read);
        assertNotEquals(Platform.parse("linux/arm/v6"), read);
    }
}
