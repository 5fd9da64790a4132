/** The minidocker front command: thin picocli adapters over the puller, store and launcher. */
module dev.minidocker.cli {
    requires dev.minidocker.puller;
    requires dev.minidocker.launcher;
    requires info.picocli;
    // inspect, --format json and the other JSON output, as Docker prints it.
    requires com.fasterxml.jackson.databind;
}
