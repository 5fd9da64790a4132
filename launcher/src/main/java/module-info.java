/** Image + options -> container: overlay plans and the mounts that carry them out. */
module dev.minidocker.launcher {
    requires transitive dev.minidocker.store;

    exports dev.minidocker.launcher;
}
