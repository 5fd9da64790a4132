package dev.minidocker.store.container;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The life of a container, as Docker names its states (and writes them: "created", "running", "exited"). */
public enum ContainerStatus {
    CREATED, RUNNING, EXITED;

    /** Docker's lower-case word: "created", "running", "exited". */
    @JsonValue
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ContainerStatus of(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
}
