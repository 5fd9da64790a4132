/** Image + options -> container: overlay plans and the mounts that carry them out. */
module dev.minidocker.launcher {
    requires transitive dev.minidocker.store;
    // sun.misc.Signal: run passes the signals it receives on to the container.
    requires jdk.unsupported;

    exports dev.minidocker.launcher;
    exports dev.minidocker.launcher.tty;
    exports dev.minidocker.launcher.cgroup;
    exports dev.minidocker.launcher.spec;
    exports dev.minidocker.launcher.logs;
    exports dev.minidocker.launcher.userns;
    exports dev.minidocker.launcher.network;

    opens dev.minidocker.launcher.spec to com.fasterxml.jackson.databind;
}
