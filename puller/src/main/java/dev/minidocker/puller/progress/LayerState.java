package dev.minidocker.puller.progress;

/** The states of a layer during a pull, with Docker's wording. */
public enum LayerState {
    WAITING("Waiting"),
    ALREADY_EXISTS("Already exists"),
    DOWNLOADING("Downloading"),
    EXTRACTING("Extracting"),
    DOWNLOAD_COMPLETE("Download complete"),
    PULL_COMPLETE("Pull complete");

    private final String label;

    LayerState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
