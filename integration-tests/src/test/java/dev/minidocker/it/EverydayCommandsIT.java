package dev.minidocker.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.it.OciLayout.Compression;
import dev.minidocker.it.OciLayout.Platform;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commands a Docker user types every day, checked as Docker's behave: {@code tag},
 * {@code history}, {@code version}, {@code info}, {@code diff}, {@code top}, the usage and unknown commands, Go
 * templates in {@code --format}, and the filters of {@code ps} and {@code images}. Two images: "labeled" (labels,
 * a history with steps that made no layer, created in 2024) and "plain" (no labels, created 2020).
 */
class EverydayCommandsIT extends RunTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LABEL_STEP = "/bin/sh -c #(nop)  LABEL com.example.vendor=ACME tier=web";

    @RegisterExtension
    static final Images IMAGES = new Images();

    /** The two images, in a registry of their own. */
    static final class Images implements BeforeAllCallback, AfterAllCallback {
        private LayoutRegistry registry;

        @Override
        public void beforeAll(ExtensionContext context) {
            registry = new LayoutRegistry("everyday");
            try {
                OciLayout layout = registry.layout();
                JsonNodeFactory nodes = JsonNodeFactory.instance;
                ObjectNode labeled = nodes.objectNode();
                labeled.putArray("Cmd").add("sh");
                labeled.putObject("Labels").put("com.example.vendor", "ACME").put("tier", "web");
                ArrayNode history = nodes.arrayNode();
                history.addObject().put("created", "2024-01-01T00:00:00Z").put("created_by", "ADD busybox /");
                history.addObject().put("created", "2024-01-02T00:00:00Z").put("created_by", LABEL_STEP)
                        .put("empty_layer", true);
                history.addObject().put("created", "2024-01-02T00:00:00Z").put("created_by", "CMD [\"sh\"]")
                        .put("comment", "buildkit.dockerfile.v0").put("empty_layer", true);
                layout.tag("labeled", layout.image(Platform.AMD64, Compression.GZIP, List.of(TestImages.busybox()),
                        labeled, history, "2024-01-02T00:00:00Z"));
                ArrayNode plainHistory = nodes.arrayNode();
                plainHistory.addObject().put("created", "2020-01-01T00:00:00Z").put("created_by", "ADD busybox /");
                ObjectNode plain = nodes.objectNode();
                plain.putArray("Cmd").add("sh");
                plain.putArray("Env").add("PATH=" + RunImages.DEFAULT_PATH);
                layout.tag("plain", layout.image(Platform.AMD64, Compression.GZIP, List.of(TestImages.busybox()),
                        plain, plainHistory, "2020-01-01T00:00:00Z"));
                registry.push("labeled", "plain");
            } catch (RuntimeException e) {
                afterAll(context);
                throw e;
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            registry.close();
        }

        String labeled() {
            return registry.reference("labeled");
        }

        String plain() {
            return registry.reference("plain");
        }
    }

    @Test
    void tagNamesTheSameImageAndRefusesDigests() throws IOException {
        pull(IMAGES.plain());
        String id = minidocker.run("images", "-q", "--no-trunc", IMAGES.plain()).assertSuccess().stdout().strip();
        minidocker.run("tag", IMAGES.plain(), "mine:v1").assertSuccess();
        minidocker.run("image", "tag", "mine:v1", "localhost:5000/team/mine").assertSuccess();
        assertEquals(id, minidocker.run("inspect", "--format", "{{.Id}}", "mine:v1").assertSuccess().stdout().strip());
        JsonNode tags = JSON.readTree(minidocker.run("image", "inspect", "--format", "{{json .RepoTags}}",
                "localhost:5000/team/mine").assertSuccess().stdout());
        assertTrue(tags.toString().contains("\"mine:v1\"") && tags.toString().contains("\"localhost:5000/team/mine:latest\""),
                tags::toString);
        minidocker.run("rmi", "mine:v1").assertSuccess();
        assertEquals(id, minidocker.run("images", "-q", "--no-trunc", "localhost:5000/team/mine").stdout().strip(),
                "the other names stay");
        CommandResult missing = minidocker.run("tag", "nope", "x");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("minidocker: No such image: nope", missing.stderr().strip());
        CommandResult digest = minidocker.run("tag", IMAGES.plain(), "x@sha256:" + "a".repeat(64));
        assertEquals(1, digest.exitCode(), digest::toString);
        assertTrue(digest.stderr().contains("refusing to create a tag with a digest reference"), digest::toString);
    }

    @Test
    void historyShowsEachStepNewestFirstWithEmptyLayersAsDockers() throws IOException {
        pull(IMAGES.labeled());
        String shortId = minidocker.run("images", "-q", IMAGES.labeled()).assertSuccess().stdout().strip();
        List<String> lines = minidocker.run("history", IMAGES.labeled()).assertSuccess().stdoutLines();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("IMAGE +CREATED +CREATED BY +SIZE +COMMENT"), lines.get(0));
        assertTrue(lines.get(1).startsWith(shortId + "   "), lines.get(1));
        assertTrue(lines.get(1).matches(".* ago +CMD \\[\"sh\"] +0B +buildkit.dockerfile.v0"), lines.get(1));
        assertTrue(lines.get(2).startsWith("<missing>"), lines.get(2));
        assertTrue(lines.get(2).contains(LABEL_STEP.substring(0, 44) + "…"), "cut at 45 with an ellipsis: " + lines);
        assertTrue(lines.get(2).matches(".* 0B"), lines.get(2));
        assertTrue(lines.get(3).matches("<missing> +.* ago +ADD busybox / +[0-9.]+[kM]B"), lines.get(3));

        List<String> full = minidocker.run("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}",
                IMAGES.labeled()).assertSuccess().stdoutLines();
        String id = minidocker.run("inspect", "--format", "{{.Id}}", IMAGES.labeled()).assertSuccess().stdout().strip();
        assertEquals(id + "|CMD [\"sh\"]|0B", full.get(0));
        assertEquals("<missing>|" + LABEL_STEP + "|0B", full.get(1));
        JsonNode json = JSON.readTree(minidocker.run("history", "--format", "json", IMAGES.labeled()).assertSuccess()
                .stdoutLines().get(2));
        assertEquals("2024-01-01T00:00:00Z", json.path("CreatedAt").asText(), json.toString());
        assertEquals(List.of("<missing>", "<missing>", shortId).reversed(),
                minidocker.run("history", "-q", IMAGES.labeled()).assertSuccess().stdoutLines());
    }

    @Test
    void versionAndInfoSayWhatTheEngineIs() throws IOException {
        pull(IMAGES.plain());
        minidocker.run("run", "--name", "done", IMAGES.plain(), "true").assertSuccess();
        minidocker.run("create", "--name", "made", IMAGES.plain(), "true").assertSuccess();
        List<String> version = minidocker.run("version").assertSuccess().stdoutLines();
        assertEquals("Client:", version.get(0));
        assertTrue(version.stream().anyMatch(l -> l.matches(" Version: +0\\.1\\.0")), version.toString());
        assertTrue(version.stream().anyMatch(l -> l.matches(" +Kernel version: +\\S+")), version.toString());
        assertEquals("0.1.0 linux", minidocker.run("version", "--format", "{{.Server.Version}} {{.Client.Os}}")
                .assertSuccess().stdout().strip());

        String info = minidocker.run("info").assertSuccess().stdout();
        assertAll(() -> assertTrue(info.contains("\n Containers: 2\n  Running: 0\n  Paused: 0\n  Stopped: 2\n"), info),
                () -> assertTrue(info.contains("\n Images: 1\n"), info),
                () -> assertTrue(info.contains("\n Storage Driver: overlay\n  Backing Filesystem: "), info),
                () -> assertTrue(info.contains("\n Cgroup Driver: cgroupfs\n Cgroup Version: "), info),
                () -> assertTrue(info.contains("\n Root Dir: " + minidocker.root() + "\n"), info),
                () -> assertTrue(info.matches("(?s).*\n Idmapped Mounts: (true|false)\n.*"), info));
        JsonNode json = JSON.readTree(minidocker.run("info", "--format", "{{json .}}").assertSuccess().stdout());
        String cgroup = java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
        assertEquals(cgroup, json.path("CgroupVersion").asText());
        assertEquals("overlay 2 1 linux", minidocker.run("system", "info",
                "--format", "{{.Driver}} {{.Containers}} {{.Images}} {{.OSType}}").assertSuccess().stdout().strip());
    }

    @Test
    void usageHelpAndUnknownCommandsAsDockers() {
        CommandResult bare = minidocker.run();
        assertEquals(0, bare.exitCode(), bare::toString);
        assertTrue(bare.stderr().startsWith("Usage: minidocker"), bare::toString);
        CommandResult help = minidocker.run("help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().startsWith("Usage: minidocker") && help.stdout().contains("  history "), help::toString);
        assertTrue(minidocker.run("help", "tag").assertSuccess().stdout().startsWith("Usage: minidocker tag"));
        CommandResult unknown = minidocker.run("imagez");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertEquals("minidocker: 'imagez' is not a minidocker command.\nSee 'minidocker --help'\n", unknown.stderr());
        assertEquals("", unknown.stdout());
        CommandResult noArgument = minidocker.run("rm");
        assertEquals(1, noArgument.exitCode(), noArgument::toString);
        assertEquals(List.of("\"minidocker rm\" requires at least 1 argument.", "See 'minidocker rm --help'.", "",
                "Usage:  minidocker rm [OPTIONS] CONTAINER [CONTAINER...]", "", "Remove one or more containers."),
                noArgument.stderrLines());
        assertEquals(1, minidocker.run("tag", "only-one").exitCode());
        CommandResult flag = minidocker.run("ps", "--colour");
        assertEquals(125, flag.exitCode(), flag::toString);
        assertEquals(List.of("unknown flag: --colour", "See 'minidocker ps --help'."), flag.stderrLines());
    }

    @Test
    void formatsAreDockersGoTemplates() throws IOException {
        pull(IMAGES.labeled());
        minidocker.run("run", "--name", "web", IMAGES.labeled(), "true").assertSuccess();
        List<String> table = minidocker.run("ps", "-a", "--format", "table {{.Names}}\\t{{upper .State}}\\t{{.Command}}")
                .assertSuccess().stdoutLines();
        assertEquals(List.of("NAMES     STATE     COMMAND", "web       EXITED    \"true\""), table);
        assertEquals(List.of("web:exited"), minidocker.run("ps", "-a", "--format", "{{.Names}}:{{.State}}")
                .assertSuccess().stdoutLines());
        assertEquals("web", JSON.readTree(minidocker.run("ps", "-a", "--format", "json").assertSuccess().stdout())
                .path("Names").asText());
        assertEquals("ACME web|sh|true", minidocker.run("inspect", "--format", "{{index .Config.Labels "
                + "\"com.example.vendor\"}} {{.Config.Labels.tier}}|{{join .Config.Cmd \",\"}}|"
                + "{{if eq .Os \"linux\"}}true{{end}}", IMAGES.labeled()).assertSuccess().stdout().strip());
        assertEquals("com.example.vendor=ACME;tier=web;", minidocker.run("image", "inspect", "--format",
                "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", IMAGES.labeled()).assertSuccess().stdout().strip());
        assertEquals("/web exited", minidocker.run("container", "inspect", "--format", "{{.Name}} {{.State.Status}}",
                "web").assertSuccess().stdout().strip());
        String[] sizes = minidocker.run("inspect", "-s", "--format", "{{.SizeRw}} {{.SizeRootFs}}", "web")
                .assertSuccess().stdout().strip().split(" ");
        assertTrue(Long.parseLong(sizes[1]) > Long.parseLong(sizes[0]) + 100_000, "the image's busybox counts: "
                + String.join(" ", sizes));
        List<String> images = minidocker.run("images", "--format", "table {{.Repository}}\\t{{.Tag}}").assertSuccess()
                .stdoutLines();
        assertEquals(2, images.size(), images.toString());
        assertTrue(images.get(0).matches("REPOSITORY +TAG"), images.toString());

        CommandResult unknownField = minidocker.run("ps", "-a", "--format", "{{.Nmae}}");
        assertEquals(1, unknownField.exitCode(), unknownField::toString);
        assertEquals("minidocker: template parsing error: template: :1:2: executing \"\" at <.Nmae>: can't evaluate "
                + "field Nmae in type *formatter.ContainerContext", unknownField.stderr().strip());
        CommandResult unclosed = minidocker.run("images", "--format", "{{.ID");
        assertEquals(1, unclosed.exitCode(), unclosed::toString);
        assertEquals("minidocker: template parsing error: template: :1: unclosed action", unclosed.stderr().strip());
        CommandResult noObject = minidocker.run("inspect", "nothing-by-that-name");
        assertEquals(1, noObject.exitCode(), noObject::toString);
        assertTrue(noObject.stderr().contains("No such object: nothing-by-that-name"), noObject::toString);
    }

    @Test
    void diffListsWhatTheContainerAddedChangedAndDeleted() {
        pull(IMAGES.plain());
        minidocker.run("run", "--name", "changer", IMAGES.plain(), "sh", "-c",
                "echo x > /etc/new; rm /etc/passwd; echo root > /etc/group; mkdir -p /tmp/a; echo y > /tmp/a/f; "
                        + "rm /bin/ls").assertSuccess();
        assertEquals(List.of("C /bin", "D /bin/ls", "C /etc", "C /etc/group", "A /etc/new", "D /etc/passwd",
                "C /tmp", "A /tmp/a", "A /tmp/a/f"), minidocker.run("diff", "changer").assertSuccess().stdoutLines());
        minidocker.run("create", "--name", "untouched", IMAGES.plain(), "true").assertSuccess();
        assertEquals("", minidocker.run("container", "diff", "untouched").assertSuccess().stdout());
        assertEquals(List.of("minidocker: No such container: nope"), minidocker.run("diff", "nope").assertExit(1)
                .stderrLines());
    }

    @Test
    void psFiltersAsDockers() {
        pull(IMAGES.labeled());
        pull(IMAGES.plain());
        minidocker.run("create", "--name", "first", IMAGES.labeled(), "true").assertSuccess();
        minidocker.run("run", "--name", "three", IMAGES.plain(), "sh", "-c", "exit 3").assertExit(3);
        minidocker.run("run", "--name", "zero", IMAGES.labeled(), "true").assertSuccess();
        minidocker.run("run", "-d", "--name", "up", IMAGES.plain(), "sleep", "100").assertSuccess();
        try {
            assertEquals(List.of("up"), names("ps"));
            assertEquals(List.of("up", "zero", "three", "first"), names("ps", "-a"));
            assertEquals(List.of("zero", "three"), names("ps", "--filter", "status=exited"));
            assertEquals(List.of("up"), names("ps", "-a", "--filter", "status=running"));
            assertEquals(List.of("zero", "first"), names("ps", "-a", "--filter", "label=tier=web"));
            assertEquals(List.of("zero", "first"), names("ps", "-a", "--filter", "label=com.example.vendor"));
            assertEquals(List.of(), names("ps", "-a", "--filter", "label=tier=db"));
            assertEquals(List.of("up", "three"), names("ps", "-a", "--filter", "ancestor=" + IMAGES.plain()));
            assertEquals(List.of("three"), names("ps", "-a", "--filter", "exited=3"));
            assertEquals(List.of("zero"), names("ps", "-a", "--filter", "exited=0"));
            assertEquals(List.of("three", "first"), names("ps", "-a", "--filter", "before=zero"));
            assertEquals(List.of("up", "zero"), names("ps", "-a", "--filter", "since=three"));
            assertEquals(List.of("zero"), names("ps", "-a", "--filter", "name=^/ze", "--filter", "status=exited"));
            assertEquals(List.of("up"), names("ps", "-l"));
            assertEquals(List.of("up", "zero"), names("ps", "-n", "2"));
            List<String> sized = minidocker.run("ps", "-a", "-s").assertSuccess().stdoutLines();
            assertTrue(sized.get(0).endsWith("NAMES     SIZE"), sized.get(0));
            assertTrue(minidocker.run("ps", "-s", "--filter", "name=up", "--format", "{{.Size}}").assertSuccess()
                    .stdout().strip().matches("[0-9.]+k?B \\(virtual [0-9.]+[kM]B\\)"));
            List<String> top = minidocker.run("top", "up").assertSuccess().stdoutLines();
            assertEquals(2, top.size(), top.toString());
            assertTrue(top.get(0).matches("UID {17}PID {17}PPID {16}C {19}STIME {15}TTY {17}TIME {16}CMD"), top.get(0));
            assertTrue(top.get(1).matches("root +\\d+ +\\d+ .* sleep 100"), top.get(1));
            assertEquals("COMMAND", minidocker.run("top", "up", "-o", "pid,comm").assertSuccess().stdoutLines().get(0)
                    .replaceFirst("^PID +", ""));
            assertTrue(minidocker.run("top", "zero").assertExit(1).stderr().contains(" is not running"));
            CommandResult bad = minidocker.run("ps", "--filter", "colour=red");
            assertEquals(1, bad.exitCode(), bad::toString);
            assertEquals("minidocker: invalid filter 'colour'", bad.stderr().strip());
            CommandResult badStatus = minidocker.run("ps", "--filter", "status=sleeping");
            assertEquals("minidocker: invalid filter 'status=sleeping'", badStatus.stderr().strip());
            CommandResult noEquals = minidocker.run("ps", "--filter", "status");
            assertEquals("minidocker: bad format of filter (expected name=value)", noEquals.stderr().strip());
        } finally {
            minidocker.run("rm", "-f", "up").assertSuccess();
        }
    }

    @Test
    void imagesFiltersAsDockers() {
        pull(IMAGES.plain());
        pull(IMAGES.labeled());
        String plainId = minidocker.run("images", "-q", IMAGES.plain()).assertSuccess().stdout().strip();
        minidocker.run("tag", IMAGES.labeled(), "team/web:1").assertSuccess();
        // The plain image's one name now names the labeled one: plain is left dangling, as with Docker's tag.
        minidocker.run("tag", IMAGES.labeled(), IMAGES.plain()).assertSuccess();

        assertEquals(List.of("team/web:1"), refs("images", "--filter", "reference=team/*"));
        assertEquals(List.of("team/web:1"), refs("images", "--filter", "reference=*/web:1"));
        assertEquals(List.of("team/web:1"), refs("images", "team/web"));
        assertEquals(List.of(), refs("images", "team/web:2"));
        assertEquals(3, refs("images", "--filter", "label=tier=web").size());
        assertEquals(List.of(), refs("images", "--filter", "label=tier=db"));
        assertEquals(List.of("<none>:<none>"), refs("images", "--filter", "dangling=true"));
        assertEquals(List.of(plainId), minidocker.run("images", "-q", "--filter", "dangling=true").assertSuccess()
                .stdoutLines());
        assertEquals(3, refs("images", "--filter", "dangling=false").size());
        assertEquals(List.of("<none>:<none>"), refs("images", "--filter", "before=team/web:1"));
        assertEquals(3, refs("images", "--filter", "since=" + plainId).size());
        assertEquals(List.of("<none>:<none>"), refs("images", "--filter", "until=2022-01-01T00:00:00Z"));
        assertEquals(4, refs("images", "--filter", "until=10m").size());
        CommandResult bad = minidocker.run("images", "--filter", "dangling=maybe");
        assertEquals(1, bad.exitCode(), bad::toString);
        assertEquals("minidocker: invalid filter 'dangling=maybe'", bad.stderr().strip());
        assertEquals("minidocker: invalid filter 'colour'", minidocker.run("images", "--filter", "colour=red")
                .stderr().strip());
    }

    private List<String> names(String... ps) {
        List<String> args = new java.util.ArrayList<>(List.of(ps));
        args.addAll(List.of("--format", "{{.Names}}"));
        return minidocker.run(args.toArray(String[]::new)).assertSuccess().stdoutLines();
    }

    private List<String> refs(String... images) {
        List<String> args = new java.util.ArrayList<>(List.of(images));
        args.addAll(List.of("--format", "{{.Repository}}:{{.Tag}}"));
        return minidocker.run(args.toArray(String[]::new)).assertSuccess().stdoutLines();
    }
}
