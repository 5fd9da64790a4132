package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.container.ContainerRecord;
import dev.minidocker.store.container.ContainerStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker info}: the engine's facts in Docker's layout and with Docker's field names for
 * {@code --format} ({@code {{.Containers}}}, {@code {{.CgroupVersion}}}, {@code {{json .}}}): the
 * store, its storage driver (overlay on the store's filesystem), cgroup version and driver, the
 * kernel, the runtime, whether {@code --userns=private} can idmap the layers, and the counts of
 * containers by state and of images.
 */
final class InfoCommand implements CodedCommand {
    /** The filesystems an idmapped mount of a layer works on (the kernel's FS_ALLOW_IDMAP ones that hold stores). */
    private static final Set<String> IDMAPPABLE = Set.of("ext4", "xfs", "btrfs", "tmpfs", "f2fs", "vfat", "squashfs");

    String format;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "info", "Display system-wide information.");
        spec.addOption(value(String.class, "FORMAT", "A Go template, e.g. '{{.CgroupVersion}}', or 'json'.",
                v -> format = v, "-f", "--format"));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, CliException, LaunchException {
        Store store = context.store();
        List<ContainerRecord> containers = store.containers().listed().records();
        long paused = 0;
        for (ContainerRecord c : containers) {
            paused += context.paused(c) ? 1 : 0;
        }
        ObjectNode info = facts(store, containers, paused, store.images().all().size(), HostFacts.read(),
                Context.CGROUP_ROOT, context.options().debug);
        if (format != null) {
            context.out.println(GoTemplate.ofFormat(format).apply(info));
            return ExitCodes.OK;
        }
        print(info, context.out);
        return ExitCodes.OK;
    }

    /** {@code paused}: how many of the running {@code containers} are paused, which Docker counts apart. */
    static ObjectNode facts(Store store, List<ContainerRecord> containers, long paused, int images, HostFacts host,
            Path cgroupRoot, boolean debug) {
        long running = containers.stream().filter(c -> c.state().status() == ContainerStatus.RUNNING).count();
        String filesystem = filesystem(store.root());
        ObjectNode info = DockerJson.object();
        info.put("Containers", containers.size());
        info.put("ContainersRunning", running - paused);
        info.put("ContainersPaused", paused);
        info.put("ContainersStopped", containers.size() - running);
        info.put("Images", images);
        info.put("Driver", "overlay");
        ArrayNode status = info.putArray("DriverStatus");
        status.addArray().add("Backing Filesystem").add(filesystem);
        info.put("LoggingDriver", "json-file");
        info.put("CgroupDriver", "cgroupfs");
        info.put("CgroupVersion", Files.isRegularFile(cgroupRoot.resolve("cgroup.controllers")) ? "2" : "1");
        info.putObject("Runtimes").putObject("minidocker-shim").put("path", "minidocker-shim");
        info.put("DefaultRuntime", "minidocker-shim");
        info.put("IdmappedMounts", idmappable(host.kernel(), filesystem));
        info.putArray("SecurityOptions").add("name=seccomp,profile=builtin").add("name=cgroupns");
        info.put("KernelVersion", host.kernel());
        info.put("OperatingSystem", host.operatingSystem());
        info.put("OSType", host.os());
        info.put("Architecture", host.architecture());
        info.put("NCPU", host.cpus());
        info.put("MemTotal", host.memory());
        info.put("Name", host.hostname());
        info.put("DockerRootDir", store.root().toString());
        info.put("Debug", debug);
        info.put("ServerVersion", Main.RELEASE);
        ObjectNode client = info.putObject("ClientInfo");
        client.put("Version", Main.RELEASE);
        client.put("Context", "default");
        client.put("Debug", debug);
        return info;
    }

    /** Whether the layers of a store on {@code filesystem} can be idmapped: kernel 5.19 or later, and a filesystem that allows it. */
    static boolean idmappable(String kernel, String filesystem) {
        String[] parts = kernel.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return (major > 5 || (major == 5 && minor >= 19)) && IDMAPPABLE.contains(filesystem);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String filesystem(Path root) {
        try {
            return Files.getFileStore(root).type();
        } catch (IOException e) {
            return "";
        }
    }

    private static void print(JsonNode i, PrintStream out) {
        JsonNode client = i.path("ClientInfo");
        out.println("Client:");
        out.println(" Version:    " + client.path("Version").asText());
        out.println(" Context:    " + client.path("Context").asText());
        out.println(" Debug Mode: " + client.path("Debug").asText());
        out.println();
        out.println("Server:");
        out.println(" Containers: " + i.path("Containers").asText());
        out.println("  Running: " + i.path("ContainersRunning").asText());
        out.println("  Paused: " + i.path("ContainersPaused").asText());
        out.println("  Stopped: " + i.path("ContainersStopped").asText());
        out.println(" Images: " + i.path("Images").asText());
        out.println(" Server Version: " + i.path("ServerVersion").asText());
        out.println(" Storage Driver: " + i.path("Driver").asText());
        for (JsonNode pair : i.path("DriverStatus")) {
            out.println("  " + pair.path(0).asText() + ": " + pair.path(1).asText());
        }
        out.println(" Logging Driver: " + i.path("LoggingDriver").asText());
        out.println(" Cgroup Driver: " + i.path("CgroupDriver").asText());
        out.println(" Cgroup Version: " + i.path("CgroupVersion").asText());
        StringBuilder runtimes = new StringBuilder();
        i.path("Runtimes").fieldNames().forEachRemaining(n -> runtimes.append(runtimes.isEmpty() ? "" : " ").append(n));
        out.println(" Runtimes: " + runtimes);
        out.println(" Default Runtime: " + i.path("DefaultRuntime").asText());
        out.println(" Idmapped Mounts: " + i.path("IdmappedMounts").asText());
        out.println(" Security Options:");
        out.println("  seccomp");
        out.println("   Profile: builtin");
        out.println("  cgroupns");
        out.println(" Kernel Version: " + i.path("KernelVersion").asText());
        out.println(" Operating System: " + i.path("OperatingSystem").asText());
        out.println(" OSType: " + i.path("OSType").asText());
        out.println(" Architecture: " + i.path("Architecture").asText());
        out.println(" CPUs: " + i.path("NCPU").asText());
        out.println(" Total Memory: " + HostFacts.binarySize(i.path("MemTotal").asLong()));
        out.println(" Name: " + i.path("Name").asText());
        out.println(" Root Dir: " + i.path("DockerRootDir").asText());
        out.println(" Debug Mode: " + i.path("Debug").asText());
    }
}
