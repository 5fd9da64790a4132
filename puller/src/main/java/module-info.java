/** The OCI distribution client: resolve, authenticate, pick the platform, fetch and verify into the store. */
module dev.minidocker.puller {
    requires transitive dev.minidocker.store;
    // The registry's JSON as it comes: manifests, tokens, errors, credentials.
    requires com.fasterxml.jackson.databind;
    // okhttp3 requires okio (an automatic module) and kotlin.stdlib transitively.
    requires okhttp3;
    requires com.github.luben.zstd_jni;

    exports dev.minidocker.puller;
    exports dev.minidocker.puller.progress;
    exports dev.minidocker.puller.registry;
}
