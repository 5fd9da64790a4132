package dev.minidocker.store.oci;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;
import java.util.Locale;

/** An image platform, {@code os/architecture[/variant]}, with the OCI spec's names. */
public record Platform(String os, String architecture, String variant) implements JsonWritable {

    /** As an image index and the store's image records have it; other members ({@code os.version}...) are ignored. */
    public static Platform fromJson(JsonObject json) throws JsonException {
        return new Platform(json.string("os"), json.string("architecture"), json.string("variant"));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().addNonNull("os", os).addNonNull("architecture", architecture)
                .addNonNull("variant", variant);
    }

    /** Parses {@code linux/arm64/v8}, {@code linux/amd64} or {@code arm64} (os linux). */
    public static Platform parse(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("invalid platform \"" + text + "\": want os/arch[/variant]");
            }
        }
        return switch (parts.length) {
            case 1 -> new Platform("linux", normaliseArch(parts[0]), null).withDefaultVariant();
            case 2 -> new Platform(parts[0], normaliseArch(parts[1]), null).withDefaultVariant();
            case 3 -> new Platform(parts[0], normaliseArch(parts[1]), parts[2]);
            default -> throw new IllegalArgumentException("invalid platform \"" + text + "\": want os/arch[/variant]");
        };
    }

    /** This machine's platform. */
    public static Platform current() {
        return new Platform("linux", normaliseArch(System.getProperty("os.arch")), null).withDefaultVariant();
    }

    private static String normaliseArch(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "armhf" -> "arm";
            default -> arch;
        };
    }

    private Platform withDefaultVariant() {
        return architecture.equals("arm64") ? new Platform(os, architecture, "v8") : this;
    }

    /**
     * True when an image for {@code candidate} runs here. arm64's variant defaults to v8, so an entry
     * without a variant matches; otherwise a wanted variant must be named the same.
     */
    public boolean matches(Platform candidate) {
        if (candidate == null || !os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        String theirs = candidate.variant;
        if (theirs == null && architecture.equals("arm64")) {
            theirs = "v8";
        }
        return variant == null || variant.equals(theirs);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
