/** The content-addressed store: blobs by digest, unpacked layers by diff-id, image records, locks. */
module dev.minidocker.store {
    requires transitive dev.minidocker.linux;
    requires transitive com.fasterxml.jackson.databind;
    requires org.apache.commons.compress;

    exports dev.minidocker.store;
    exports dev.minidocker.store.oci;
    exports dev.minidocker.store.container;

    opens dev.minidocker.store to com.fasterxml.jackson.databind;
    opens dev.minidocker.store.oci to com.fasterxml.jackson.databind;
    opens dev.minidocker.store.container to com.fasterxml.jackson.databind;
}
