package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker version}: the client's and the engine's facts in Docker's layout, or
 * {@code --format} on Docker's object ({@code {{.Client.Version}}}, {@code {{.Server.KernelVersion}}},
 * {@code {{json .}}}). There is no daemon: the engine is the same program, run by the same command,
 * so both say one version; a Java version stands where Docker's says Go's.
 */
final class VersionCommand implements CodedCommand {
    String format;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "version", "Show the minidocker version information.");
        spec.addOption(value(String.class, "FORMAT", "A Go template, e.g. '{{.Server.Version}}', or 'json'.",
                v -> format = v, "-f", "--format"));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException {
        ObjectNode version = facts(HostFacts.read());
        if (format != null) {
            context.out.println(GoTemplate.ofFormat(format).apply(version));
            return ExitCodes.OK;
        }
        print(version, context.out);
        return ExitCodes.OK;
    }

    /** Docker's version object, with what a Go program says of its build said of this Java one. */
    static ObjectNode facts(HostFacts host) {
        String java = Runtime.version().toString();
        ObjectNode version = DockerJson.object();
        ObjectNode client = version.putObject("Client");
        client.put("Version", Main.RELEASE);
        client.put("JavaVersion", java);
        client.put("Os", host.os());
        client.put("Arch", host.goArch());
        client.put("Context", "default");
        ObjectNode server = version.putObject("Server");
        server.putObject("Platform").put("Name", "minidocker engine");
        ObjectNode engine = server.putArray("Components").addObject();
        engine.put("Name", "Engine");
        engine.put("Version", Main.RELEASE);
        ObjectNode details = engine.putObject("Details");
        details.put("JavaVersion", java);
        details.put("Os", host.os());
        details.put("Arch", host.goArch());
        details.put("KernelVersion", host.kernel());
        server.put("Version", Main.RELEASE);
        server.put("JavaVersion", java);
        server.put("Os", host.os());
        server.put("Arch", host.goArch());
        server.put("KernelVersion", host.kernel());
        return version;
    }

    private static void print(JsonNode v, PrintStream out) {
        JsonNode client = v.path("Client");
        JsonNode server = v.path("Server");
        out.println("Client:");
        out.println(" Version:           " + client.path("Version").asText());
        out.println(" Java version:      " + client.path("JavaVersion").asText());
        out.println(" OS/Arch:           " + client.path("Os").asText() + "/" + client.path("Arch").asText());
        out.println(" Context:           " + client.path("Context").asText());
        out.println();
        out.println("Server: " + server.path("Platform").path("Name").asText());
        out.println(" Engine:");
        out.println("  Version:          " + server.path("Version").asText());
        out.println("  Java version:     " + server.path("JavaVersion").asText());
        out.println("  OS/Arch:          " + server.path("Os").asText() + "/" + server.path("Arch").asText());
        out.println("  Kernel version:   " + server.path("KernelVersion").asText());
    }
}
