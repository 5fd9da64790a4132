/** The minidocker front command: thin picocli adapters over the puller, store and launcher. */
module dev.minidocker.cli {
    requires dev.minidocker.puller;
    requires dev.minidocker.launcher;
    requires info.picocli;

    opens dev.minidocker.cli to info.picocli;
}
