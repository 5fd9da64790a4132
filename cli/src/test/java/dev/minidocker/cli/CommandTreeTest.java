package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Main's table of commands: every one declared in code, under Docker's names, made only when named. */
class CommandTreeTest {
    private static CommandLine cli(String... args) {
        return new Main(null).commandLine(args);
    }

    @Test
    void everyCommandIsDeclaredInCode() {
        List<String> all = new ArrayList<>();
        walk(cli("--help").getCommandSpec(), "", all);
        assertTrue(all.containsAll(List.of("run", "ps", "image ls", "container ls", "network rm", "system df",
                "volume prune", "cp", "container diff", "top", "stats", "container update", "port", "network connect",
                "container cleanup", "pause", "container unpause", "version", "info", "tag", "history")), all.toString());
        assertEquals(78, all.size(), all.toString());
    }

    /** Each command under {@code spec}, aliases once: a group, or a command whose model is declared in code. */
    private static void walk(CommandSpec spec, String path, List<String> seen) {
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec child = sub.getValue().getCommandSpec();
            if (sub.getKey().equals(child.name())) {
                String name = path + sub.getKey();
                if (child.subcommands().isEmpty()) {
                    assertInstanceOf(CodedCommand.class, child.userObject(), name);
                    seen.add(name);
                }
                walk(child, name + " ", seen);
            }
        }
    }

    @Test
    void onlyTheNamedCommandIsMadeAndEveryOneForTheUsage() {
        assertEquals(List.of("images"), List.copyOf(cli("--root", "/x", "images", "-q").getSubcommands().keySet()));
        assertEquals(cli("--help").getSubcommands().keySet(), cli("imagez").getSubcommands().keySet());
        assertEquals(cli("-h").getSubcommands().keySet(), cli("imagez").getSubcommands().keySet());
        assertTrue(cli("--version").getSubcommands().isEmpty());
    }

    @Test
    void bareHelpAndUnknownCommandsExitAsDockers() {
        assertEquals(ExitCodes.OK, Main.execute(new String[] {}));
        assertEquals(ExitCodes.OK, Main.execute(new String[] {"--root", "/nonexistent", "help"}));
        assertEquals(ExitCodes.OK, Main.execute(new String[] {"help", "tag"}));
        assertEquals(ExitCodes.OK, Main.execute(new String[] {"image"}));
        assertEquals(ExitCodes.FAILURE, Main.execute(new String[] {"imagez"}));
    }

    @Test
    void groupsHoldDockersNames() {
        CommandLine container = cli("container").getSubcommands().get("container");
        assertEquals(container.getSubcommands().get("ls"), container.getSubcommands().get("ps"));
        assertEquals(container.getSubcommands().get("rm"), container.getSubcommands().get("remove"));
        CommandLine image = cli("image").getSubcommands().get("image");
        assertInstanceOf(ImagesCommand.class, image.getSubcommands().get("list").getCommand());
        assertInstanceOf(RmiCommand.class, image.getSubcommands().get("rm").getCommand());
        assertInstanceOf(ImageUnmountCommand.class, image.getSubcommands().get("umount").getCommand());
    }

    @Test
    void positionalsAndOptionsMayInterleaveButNotAfterACommandsImage() {
        CommandLine line = cli("rm", "a", "-f", "b");
        line.parseArgs("rm", "a", "-f", "b");
        RmCommand rm = line.getSubcommands().get("rm").getCommand();
        assertEquals(List.of("a", "b"), rm.containers);
        assertTrue(rm.force);
        CommandLine run = cli("run");
        run.parseArgs("run", "--rm", "busybox", "echo", "--rm", "-h");
        assertEquals(List.of("echo", "--rm", "-h"), ((RunCommand) run.getSubcommands().get("run").getCommand()).args.command);
        CommandLine exec = cli("container", "exec");
        exec.parseArgs("container", "exec", "web", "ls", "-l");
        ExecCommand parsed = exec.getSubcommands().get("container").getSubcommands().get("exec").getCommand();
        assertEquals(List.of("ls", "-l"), parsed.command);
    }

    @Test
    void optionDefaultsAreTheFieldsOwn() {
        CommandLine line = cli("stop");
        line.parseArgs("stop", "web");
        assertEquals(10, ((StopCommand) line.getSubcommands().get("stop").getCommand()).timeout.seconds);
        line = cli("logs");
        line.parseArgs("logs", "web");
        assertEquals("all", ((LogsCommand) line.getSubcommands().get("logs").getCommand()).tail);
    }
}
