package dev.minidocker.store.container;

/** The life of a container, as Docker names its states. */
public enum ContainerStatus {
    CREATED, RUNNING, EXITED;

    /** Docker's lower-case word: "created", "running", "exited". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
