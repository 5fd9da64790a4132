/**
 * The container's first process: reads an OCI runtime config.json and sets up the container from
 * inside its new namespaces (mounts, devices, pivot_root, cgroups, credentials), then execs the
 * entrypoint. Run as {@code java -m dev.minidocker.shim/dev.minidocker.shim.Shim <bundle-dir>}.
 */
module dev.minidocker.shim {
    requires dev.minidocker.linux;
    requires dev.minidocker.spec;
}
