/** Image + options -> container: overlay plans and the mounts that carry them out. */
module dev.minidocker.launcher {
    requires transitive dev.minidocker.store;
    requires transitive dev.minidocker.spec;
    // The logs' streaming parser: containers' json-file logs are read line by line, however long.
    requires com.fasterxml.jackson.core;
    // cp's tar streams.
    requires org.apache.commons.compress;
    // sun.misc.Signal: run passes the signals it receives on to the container.
    requires jdk.unsupported;

    exports dev.minidocker.launcher;
    exports dev.minidocker.launcher.plan;
    exports dev.minidocker.launcher.tty;
    exports dev.minidocker.launcher.cgroup;
    exports dev.minidocker.launcher.logs;
    exports dev.minidocker.launcher.userns;
    exports dev.minidocker.launcher.seccomp;
    exports dev.minidocker.launcher.network;
    exports dev.minidocker.launcher.copy;
    exports dev.minidocker.launcher.volume;
}
