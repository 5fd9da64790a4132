package dev.minidocker.store.container;

import dev.minidocker.spec.json.JsonWritable;
import java.util.Locale;

/** The life of a container, as Docker names its states (and writes them: "created", "running", "exited"). */
public enum ContainerStatus implements JsonWritable {
    CREATED, RUNNING, EXITED;

    /** Docker's lower-case word: "created", "running", "exited". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status Docker's word names; IllegalArgumentException for any other word. */
    public static ContainerStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toJson() {
        return word();
    }
}
