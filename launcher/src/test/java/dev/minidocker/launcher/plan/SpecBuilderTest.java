package dev.minidocker.launcher.plan;

import dev.minidocker.launcher.ContainerDirs;
import dev.minidocker.launcher.LaunchException;
import dev.minidocker.launcher.cgroup.Resources;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minidocker.launcher.cgroup.Cgroup;
import dev.minidocker.launcher.cgroup.DeviceRules;
import dev.minidocker.launcher.userns.IdMap;
import dev.minidocker.launcher.userns.UserNamespace;
import dev.minidocker.spec.Linux;
import dev.minidocker.spec.Resources.DeviceRule;
import dev.minidocker.spec.RuntimeSpec;
import dev.minidocker.spec.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "4f2a" + "0".repeat(60);
    private static final ContainerDirs DIRS = new ContainerDirs(ID, Path.of("/var/lib/minidocker/containers/" + ID));
    private static final OverlayPlan ROOTFS = new OverlayPlan(List.of(Path.of("/l/top"), Path.of("/l/base")),
            DIRS.upper(), DIRS.work(), DIRS.rootfs());
    private static final Path PROCS = Path.of("/sys/fs/cgroup/minidocker/" + ID + "/cgroup.procs");
    private static final Cgroup.Membership V2 = new Cgroup.Membership(List.of(PROCS), Optional.empty(), "v2");
    private static final List<String> DOCKER_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static RuntimeSpec spec(RunFlags flags) throws LaunchException {
        return spec(flags, "0");
    }

    private static RuntimeSpec spec(RunFlags flags, String user) throws LaunchException {
        ProcessPlan process = new ProcessPlan(List.of("sh", "-c", "echo hi"),
                List.of("PATH=" + ProcessPlan.DEFAULT_PATH, "HOSTNAME=box"), "/work", user);
        return SpecBuilder.build(DIRS, ROOTFS, process, flags.options(), NetworkPlans.of(flags.options()), "box", V2,
                null, RunFlags.mounts(flags.options()));
    }

    private static RuntimeSpec.Mount mount(RuntimeSpec spec, String destination) {
        return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst().orElse(null);
    }

    private static List<String> namespaces(RuntimeSpec spec) {
        return spec.linux().namespaces().stream().map(Linux.Namespace::type).toList();
    }

    @Test
    void dockersFourteenCapabilitiesInBoundingEffectiveAndPermitted() throws Exception {
        RuntimeSpec.Capabilities caps = spec(RunFlags.run()).process().capabilities();
        assertEquals(DOCKER_CAPS, caps.bounding());
        assertEquals(DOCKER_CAPS, caps.effective());
        assertEquals(DOCKER_CAPS, caps.permitted());
    }

    @Test
    void capAddAndCapDropChangeEverySet() throws Exception {
        RuntimeSpec.Capabilities caps = spec(RunFlags.run().privileges(
                Privileges.of(false, List.of("SYS_ADMIN"), List.of("CHOWN")))).process().capabilities();
        assertAll(
                () -> assertTrue(caps.bounding().contains("CAP_SYS_ADMIN") && !caps.bounding().contains("CAP_CHOWN"),
                        caps::toString),
                () -> assertEquals(caps.bounding(), caps.effective()),
                () -> assertEquals(caps.bounding(), caps.permitted()));
    }

    @Test
    void aPrivilegedContainerHasNoMasksWritableSysAndCgroupsAndEveryDevice() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run().privileges(Privileges.of(true, List.of(), List.of())));
        List<String> devices = spec.linux().devices().stream().map(Linux.Device::path).toList();
        assertAll(
                () -> assertEquals(List.of(), spec.linux().maskedPaths()),
                () -> assertEquals(List.of(), spec.linux().readonlyPaths()),
                () -> assertFalse(mount(spec, "/sys").options().contains("ro"), spec.mounts()::toString),
                () -> assertFalse(mount(spec, "/sys/fs/cgroup").options().contains("ro"), spec.mounts()::toString),
                () -> assertTrue(spec.process().capabilities().bounding().contains("CAP_SYS_ADMIN")),
                () -> assertTrue(devices.contains("/dev/null") && !devices.contains("/dev/ptmx")
                        && !devices.contains("/dev/console") && devices.stream().noneMatch(d -> d.startsWith("/dev/pts/")),
                        devices::toString),
                // Everything allowed after Docker's deny-all.
                () -> assertEquals(List.of("a *:* rwm", "a *:* rwm"), SpecBuilder.deviceRules(spec).subList(0, 2)
                        .stream().map(dev.minidocker.launcher.cgroup.DeviceRules::line).toList()),
                () -> assertTrue(SpecBuilder.deviceRules(spec).get(1).allow()));
    }

    @Test
    void dockersMaskedAndReadOnlyPaths() throws Exception {
        Linux linux = spec(RunFlags.run()).linux();
        assertEquals(List.of("/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys",
                "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats",
                "/sys/devices/virtual/powercap", "/sys/firmware"), linux.maskedPaths());
        assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                linux.readonlyPaths());
        assertEquals("minidocker/" + ID, linux.cgroupsPath());
    }

    @Test
    void dockersDefaultMountsWithDockersOptions() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run());
        assertEquals(new RuntimeSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                mount(spec, "/proc"));
        assertEquals(new RuntimeSpec.Mount("/dev", "tmpfs", "tmpfs",
                List.of("nosuid", "strictatime", "mode=755", "size=65536k")), mount(spec, "/dev"));
        assertEquals(new RuntimeSpec.Mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                mount(spec, "/dev/pts"));
        assertEquals(new RuntimeSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                mount(spec, "/sys"));
        assertEquals(new RuntimeSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                mount(spec, "/dev/mqueue"));
        RuntimeSpec.Mount shm = mount(spec, "/dev/shm");
        assertEquals("tmpfs", shm.type());
        assertTrue(shm.options().containsAll(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                shm.options().toString());
        assertEquals(new RuntimeSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup",
                List.of("ro", "nosuid", "noexec", "nodev")), mount(spec, "/sys/fs/cgroup"));
    }

    @Test
    void mountsComeParentsFirstWhateverTheFlagOrder() throws Exception {
        // Docker sorts the user's mounts by depth, so that /data does not hide /data/sub.
        List<String> destinations = spec(RunFlags.run().volume("/x:/data/sub", "/y:/data").tmpfs("/dev/shm/t"))
                .mounts().stream()
                .map(RuntimeSpec.Mount::destination).toList();
        for (int i = 0; i < destinations.size(); i++) {
            for (int j = i + 1; j < destinations.size(); j++) {
                assertFalse(destinations.get(i).startsWith(destinations.get(j) + "/"),
                        destinations.get(i) + " is mounted before its parent " + destinations.get(j));
            }
        }
    }

    @Test
    void hostnameAndHostsAreBoundFromTheContainerDirectory() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run());
        assertEquals(new RuntimeSpec.Mount("/etc/hostname", "bind", DIRS.hostname().toString(),
                List.of("rbind", "rprivate")), mount(spec, "/etc/hostname"));
        assertEquals(new RuntimeSpec.Mount("/etc/hosts", "bind", DIRS.hosts().toString(),
                List.of("rbind", "rprivate")), mount(spec, "/etc/hosts"));
        assertEquals("box", spec.hostname());
    }

    @Test
    void volumesAndTmpfsBecomeMounts() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run().volume("/a:/b:ro", "/srv/data:/data").tmpfs("/t"));
        assertEquals(new RuntimeSpec.Mount("/b", "bind", "/a", List.of("rbind", "ro")), mount(spec, "/b"));
        assertEquals(new RuntimeSpec.Mount("/data", "bind", "/srv/data", List.of("rbind")), mount(spec, "/data"));
        assertEquals(new RuntimeSpec.Mount("/t", "tmpfs", "tmpfs", List.of("noexec", "nosuid", "nodev")),
                mount(spec, "/t"));
    }

    @Test
    void ownNetworkNamespaceByDefaultWithoutTheHostsResolvConf() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run());
        assertEquals(Set.of("pid", "ipc", "uts", "mount", "cgroup", "network"), Set.copyOf(namespaces(spec)));
        assertNull(mount(spec, "/etc/resolv.conf"));
    }

    @Test
    void hostNetworkSharesTheNamespaceAndTheHostsResolvConf() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run().network("host"));
        assertEquals(Set.of("pid", "ipc", "uts", "mount", "cgroup"), Set.copyOf(namespaces(spec)));
        assertEquals(new RuntimeSpec.Mount("/etc/resolv.conf", "bind", "/etc/resolv.conf",
                List.of("rbind", "rprivate")), mount(spec, "/etc/resolv.conf"));
    }

    @Test
    void annotationsCarryTheOverlayAndTheCgroup() throws Exception {
        Map<String, String> annotations = spec(RunFlags.run()).annotations();
        assertEquals("lowerdir=/l/top:/l/base,upperdir=" + DIRS.upper() + ",workdir=" + DIRS.work(),
                annotations.get("org.minidocker.rootfs.overlay"));
        assertEquals(PROCS.toString(), annotations.get("org.minidocker.cgroup.procs"));
        assertEquals("v2", annotations.get("org.minidocker.cgroup.mounts"));
        assertFalse(annotations.containsKey("org.minidocker.explain"));
        assertFalse(annotations.containsKey("org.minidocker.console"));
    }

    @Test
    void aUserNamespaceIsListedWithItsMapsAsOciHasThem() throws Exception {
        UserNamespace userns = new UserNamespace(List.of(new IdMap(0, 100000, 65536)), List.of(new IdMap(0, 200000, 10)));
        ProcessPlan process = new ProcessPlan(List.of("sh"), List.of(), "/", "0");
        RuntimeSpec spec = SpecBuilder.build(DIRS, ROOTFS, process, RunFlags.defaults(),
                NetworkPlans.of(RunFlags.defaults()), "box", V2, userns, RunFlags.mounts(RunFlags.defaults()));
        assertTrue(namespaces(spec).contains("user"), namespaces(spec).toString());
        JsonNode linux = JSON.readTree(Json.write(spec)).get("linux");
        assertEquals("[{\"containerID\":0,\"hostID\":100000,\"size\":65536}]", linux.get("uidMappings").toString());
        assertEquals("[{\"containerID\":0,\"hostID\":200000,\"size\":10}]", linux.get("gidMappings").toString());
        assertEquals(userns, SpecBuilder.userNamespace(spec));
        assertEquals("sysfs", mount(spec, "/sys").type(), "its own network namespace lets it mount sysfs");

        RuntimeSpec none = spec(RunFlags.run());
        assertNull(SpecBuilder.userNamespace(none));
        assertFalse(JSON.readTree(Json.write(none)).get("linux").has("uidMappings"));
    }

    @Test
    void aUserNamespaceOnTheHostsNetworkBindsTheHostsSys() throws Exception {
        UserNamespace userns = new UserNamespace(List.of(new IdMap(0, 100000, 65536)), List.of(new IdMap(0, 100000, 65536)));
        ProcessPlan process = new ProcessPlan(List.of("sh"), List.of(), "/", "0");
        RuntimeSpec spec = SpecBuilder.build(DIRS, ROOTFS, process, RunFlags.run().network("host").options(),
                NetworkPlans.of(RunFlags.run().network("host").options()), "box", V2, userns,
                RunFlags.mounts(RunFlags.defaults()));
        assertEquals(new RuntimeSpec.Mount("/sys", "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")),
                mount(spec, "/sys"));
    }

    @Test
    void severalJoinFilesAreJoinedWithColonsAndTheCloneTargetIsNamed() throws Exception {
        ProcessPlan process = new ProcessPlan(List.of("sh"), List.of(), "/", "0");
        RuntimeSpec spec = SpecBuilder.build(DIRS, ROOTFS, process, RunFlags.defaults(),
                NetworkPlans.of(RunFlags.defaults()), "box", new Cgroup.Membership(List.of(Path.of("/c/memory/x/tasks"), Path.of("/c/pids/x/tasks")),
                        Optional.of(Path.of("/c/unified/x")), "v1:memory,pids,unified"), null,
                RunFlags.mounts(RunFlags.defaults()));
        assertEquals("/c/memory/x/tasks:/c/pids/x/tasks", spec.annotations().get("org.minidocker.cgroup.procs"));
        assertEquals("/c/unified/x", spec.annotations().get("org.minidocker.cgroup.clone-into"));
        assertEquals(List.of(Path.of("/c/memory/x/tasks"), Path.of("/c/pids/x/tasks")),
                SpecBuilder.cgroupJoinFiles(spec));
        assertEquals(Optional.of(Path.of("/c/unified/x")), SpecBuilder.cgroupCloneInto(spec));
        assertEquals(Optional.empty(), SpecBuilder.cgroupCloneInto(spec(RunFlags.run())));
    }

    @Test
    void explainAndTtyAreAnnotated() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run().explain().tty());
        assertEquals("true", spec.annotations().get("org.minidocker.explain"));
        assertTrue(spec.annotations().containsKey("org.minidocker.console"));
        assertTrue(spec.process().terminal());
    }

    @Test
    void numericUidAndGidNeedNoLookup() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run(), "1000:1000");
        assertEquals(new RuntimeSpec.User(1000, 1000, List.of()), spec.process().user());
        assertFalse(spec.annotations().containsKey("org.minidocker.user"));
    }

    @Test
    void namesAndUidsWithoutGroupAreLeftToTheShim() throws Exception {
        for (String user : List.of("1000", "nobody", "nobody:nogroup", "1000:staff")) {
            RuntimeSpec spec = spec(RunFlags.run(), user);
            assertEquals(user, spec.annotations().get("org.minidocker.user"), user);
            assertEquals(new RuntimeSpec.User(0, 0, List.of()), spec.process().user(), user);
        }
    }

    @Test
    void theRootIsTheOverlayTargetWritableUnlessReadOnly() throws Exception {
        assertEquals(new RuntimeSpec.Root(DIRS.rootfs().toString(), false), spec(RunFlags.run()).root());
        assertEquals(new RuntimeSpec.Root(DIRS.rootfs().toString(), true), spec(RunFlags.run().readOnly()).root());
    }

    @Test
    void noNewPrivilegesOnlyWhenAsked() throws Exception {
        assertFalse(spec(RunFlags.run()).process().noNewPrivileges());
        assertTrue(spec(RunFlags.run().noNewPrivileges()).process().noNewPrivileges());
    }

    @Test
    void theJsonUsesTheRuntimeSpecsFieldNames() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run().readOnly().noNewPrivileges(), "1000:1000");
        JsonNode json = JSON.readTree(Json.write(spec));
        assertEquals("1.2.0", json.path("ociVersion").asText());
        assertEquals(List.of("sh", "-c", "echo hi"), texts(json.at("/process/args")));
        assertEquals("/work", json.at("/process/cwd").asText());
        assertEquals("PATH=" + ProcessPlan.DEFAULT_PATH, json.at("/process/env/0").asText());
        assertEquals(1000, json.at("/process/user/uid").asInt());
        assertEquals(1000, json.at("/process/user/gid").asInt());
        assertEquals(DOCKER_CAPS, texts(json.at("/process/capabilities/bounding")));
        assertEquals(DOCKER_CAPS, texts(json.at("/process/capabilities/effective")));
        assertEquals(DOCKER_CAPS, texts(json.at("/process/capabilities/permitted")));
        assertTrue(json.at("/process/noNewPrivileges").asBoolean());
        assertFalse(json.at("/process/terminal").asBoolean(true));
        assertEquals(DIRS.rootfs().toString(), json.at("/root/path").asText());
        assertTrue(json.at("/root/readonly").asBoolean());
        assertEquals("box", json.path("hostname").asText());
        assertEquals("/proc", json.at("/mounts/0/destination").asText());
        assertEquals("proc", json.at("/mounts/0/type").asText());
        assertEquals("proc", json.at("/mounts/0/source").asText());
        assertEquals(List.of("nosuid", "noexec", "nodev"), texts(json.at("/mounts/0/options")));
        assertEquals("pid", json.at("/linux/namespaces/0/type").asText());
        assertEquals("/proc/acpi", json.at("/linux/maskedPaths/0").asText());
        assertEquals("/proc/bus", json.at("/linux/readonlyPaths/0").asText());
        assertEquals("minidocker/" + ID, json.at("/linux/cgroupsPath").asText());
        assertTrue(json.at("/annotations/org.minidocker.rootfs.overlay").asText().startsWith("lowerdir=/l/top:"));
    }

    @Test
    void theJsonHasOnlyFieldsTheRuntimeSpecDefines() throws Exception {
        JsonNode json = JSON.readTree(Json.write(spec(RunFlags.run())));
        assertFields(json, "ociVersion", "process", "root", "hostname", "mounts", "linux", "annotations");
        assertFields(json.path("process"), "terminal", "user", "args", "env", "cwd", "capabilities",
                "noNewPrivileges");
        assertFields(json.at("/process/user"), "uid", "gid", "umask", "additionalGids");
        assertFields(json.at("/process/capabilities"), "bounding", "effective", "permitted", "inheritable", "ambient");
        assertFields(json.path("root"), "path", "readonly");
        for (JsonNode m : json.path("mounts")) {
            assertFields(m, "destination", "type", "source", "options");
        }
        assertFields(json.path("linux"), "namespaces", "maskedPaths", "readonlyPaths", "cgroupsPath", "devices",
                "resources");
        for (JsonNode ns : json.at("/linux/namespaces")) {
            assertFields(ns, "type", "path");
        }
        assertFields(json.at("/linux/resources"), "devices");
        for (JsonNode rule : json.at("/linux/resources/devices")) {
            assertFields(rule, "allow", "type", "major", "minor", "access");
        }
        JsonNode withDevice = JSON.readTree(Json.write(spec(RunFlags.run()
                .devices(DeviceMapping.parse("/dev/null:/dev/mynull")))));
        for (JsonNode device : withDevice.at("/linux/devices")) {
            assertFields(device, "path", "type", "major", "minor", "fileMode", "uid", "gid");
        }
        JsonNode limited = JSON.readTree(Json.write(spec(RunFlags.run().resources(
                Resources.of(64 << 20, 0, Resources.nanoCpus(1), 512, 10))))).at("/linux/resources");
        assertFields(limited, "devices", "memory", "cpu", "pids", "blockIO", "hugepageLimits", "network", "rdma",
                "unified");
        assertFields(limited.path("memory"), "limit", "reservation", "swap", "kernel", "kernelTCP", "swappiness",
                "disableOOMKiller", "useHierarchy", "checkBeforeUpdate");
        assertFields(limited.path("cpu"), "shares", "quota", "burst", "period", "realtimeRuntime", "realtimePeriod",
                "cpus", "mems", "idle");
        assertFields(limited.path("pids"), "limit");
        assertEquals(4, limited.size(), limited.toString());
    }

    @Test
    void noDeviceButDockersDefaults() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run());
        assertEquals(List.of(), spec.linux().devices());
        List<DeviceRule> rules = SpecBuilder.deviceRules(spec);
        assertEquals(DeviceRules.DENY_ALL, rules.getFirst());
        assertEquals(DeviceRules.DEFAULTS, rules.subList(1, rules.size()));
        assertEquals(new DeviceRule(true, "c", 136L, null, "rwm"), spec.linux().resources().devices().get(9),
                "a wildcard is no number in the spec");
    }

    @Test
    void aSpecWithoutDeviceRulesGetsDockersDefaultsAndOneWithRulesKeepsThem() throws Exception {
        RuntimeSpec withRules = spec(RunFlags.run().deviceCgroupRules(DeviceRules.parse("c 1:11 w")));
        assertEquals(withRules, SpecBuilder.withDeviceRules(withRules));
        Linux l = withRules.linux();
        RuntimeSpec old = new RuntimeSpec(withRules.ociVersion(), withRules.process(), withRules.root(),
                withRules.hostname(), withRules.mounts(), new Linux(l.namespaces(), null, null, null, null,
                l.cgroupsPath(), null, null, l.maskedPaths(), l.readonlyPaths()), withRules.annotations());
        assertEquals(SpecBuilder.deviceRules(spec(RunFlags.run())),
                SpecBuilder.deviceRules(SpecBuilder.withDeviceRules(old)));
        assertEquals(List.of(), SpecBuilder.withDeviceRules(old).linux().devices());
    }

    @Test
    void aSpecWithLimitsButNoDeviceRulesKeepsItsLimits() throws Exception {
        RuntimeSpec limited = spec(RunFlags.run().resources(Resources.of(64 << 20, 0, 0, 0, 10)));
        Linux l = limited.linux();
        var r = l.resources();
        RuntimeSpec old = new RuntimeSpec(limited.ociVersion(), limited.process(), limited.root(), limited.hostname(),
                limited.mounts(), new Linux(l.namespaces(), null, null, null,
                new dev.minidocker.spec.Resources(null, r.memory(), r.cpu(), r.pids()), l.cgroupsPath(), null, null,
                l.maskedPaths(), l.readonlyPaths()), limited.annotations());
        dev.minidocker.spec.Resources started = SpecBuilder.withDeviceRules(old).linux().resources();
        assertEquals(SpecBuilder.deviceRules(spec(RunFlags.run())), started.devices());
        assertEquals(r.memory(), started.memory());
        assertEquals(r.pids(), started.pids());
    }

    @Test
    void aDeviceIsMadeAsOnTheHostAndAllowedBeforeTheRulesAndTheDefaults() throws Exception {
        RuntimeSpec spec = spec(RunFlags.run().devices(DeviceMapping.parse("/dev/null:/dev/mynull:rw"))
                .deviceCgroupRules(DeviceRules.parse("c 10:229 rwm")));
        assertEquals(List.of(new Linux.Device("/dev/mynull", "c", 1, 3, 0666L, 0L, 0L)), spec.linux().devices());
        List<DeviceRule> rules = SpecBuilder.deviceRules(spec);
        assertEquals(List.of(DeviceRules.DENY_ALL, DeviceRules.allow("c", 1L, 3L, "rw"),
                DeviceRules.allow("c", 10L, 229L, "rwm")), rules.subList(0, 3));
        assertEquals(DeviceRules.DEFAULTS, rules.subList(3, rules.size()));
    }

    @Test
    void aDirectoryGivesEveryDeviceUnderIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
        RuntimeSpec spec = spec(RunFlags.run().devices(DeviceMapping.parse("/dev/net:/x")));
        assertEquals(List.of("/x/tun"), spec.linux().devices().stream().map(Linux.Device::path).toList());
    }

    @Test
    void aDeviceThatIsNoneIsRefusedInDockersWords() throws Exception {
        LaunchException missing = assertThrows(LaunchException.class,
                () -> spec(RunFlags.run().devices(DeviceMapping.parse("/dev/nope"))));
        assertEquals("error gathering device information while adding custom device \"/dev/nope\": "
                + "no such file or directory", missing.getMessage());
        LaunchException file = assertThrows(LaunchException.class,
                () -> spec(RunFlags.run().devices(DeviceMapping.parse("/etc/hostname"))));
        assertEquals("error gathering device information while adding custom device \"/etc/hostname\": "
                + "not a device node", file.getMessage());
    }

    @Test
    void rootIsUidAndGidZeroInTheJson() throws Exception {
        // The runtime spec makes uid and gid REQUIRED: 0 must be written, not left out.
        JsonNode user = JSON.readTree(Json.write(spec(RunFlags.run(), "0"))).at("/process/user");
        assertTrue(user.has("uid") && user.has("gid"), user.toString());
        assertEquals(0, user.path("uid").asInt(-1));
        assertEquals(0, user.path("gid").asInt(-1));
    }

    private static void assertFields(JsonNode object, String... allowed) {
        Set<String> unknown = new TreeSet<>();
        object.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(Set.of(allowed));
        assertTrue(unknown.isEmpty(), "fields not in the runtime spec: " + unknown + " in " + object);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
