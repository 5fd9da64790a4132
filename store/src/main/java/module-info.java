/** The content-addressed store: blobs by digest, unpacked layers by diff-id, image records, locks. */
module dev.minidocker.store {
    requires transitive dev.minidocker.linux;
    requires transitive dev.minidocker.spec;
    requires org.apache.commons.compress;

    exports dev.minidocker.store;
    exports dev.minidocker.store.oci;
    exports dev.minidocker.store.container;
    exports dev.minidocker.store.volume;
}
