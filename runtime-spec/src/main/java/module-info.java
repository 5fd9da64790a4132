/**
 * The OCI runtime spec that the launcher writes and the shim carries out, minidocker's annotations,
 * and the one JSON reader and writer of the project's own files (JDK only, no reflection).
 */
module dev.minidocker.spec {
    exports dev.minidocker.spec;
    exports dev.minidocker.spec.json;
}
