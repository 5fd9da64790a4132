package dev.minidocker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CodedOptionsTest {
    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run.spec()).setStopAtPositional(true).parseArgs(args);
        return run;
    }

    @Test
    void valuesFlagsAndPositionalsReachTheFields() {
        RunCommand run = parse("--rm", "-d", "--name", "web", "-c", "512", "--cpus", "1.5", "--pids-limit", "-1",
                "busybox", "sh", "-c", "exit 3");
        assertTrue(run.args.flags.autoRemove);
        assertTrue(run.detach);
        assertEquals("web", run.args.flags.name);
        assertEquals(512, run.args.flags.cpuShares);
        assertEquals(1.5, run.args.flags.cpus);
        assertEquals(-1, run.args.flags.pidsLimit);
        assertEquals("busybox", run.args.imageName);
        // After the image everything is the container's, flags too.
        assertEquals(List.of("sh", "-c", "exit 3"), run.args.command);
    }

    @Test
    void repeatedOptionsKeepEveryValueInOrder() {
        RunCommand run = parse("-e", "A=1", "--env", "B=2", "-e", "C", "--env-file", "/x", "--env-file", "/y",
                "--log-opt", "max-size=1m", "--log-opt", "max-file=2", "busybox");
        assertEquals(List.of("A=1", "B=2", "C"), run.args.flags.process.env);
        assertEquals(List.of(Path.of("/x"), Path.of("/y")), run.args.flags.process.envFiles);
        assertEquals(Map.of("max-size", "1m", "max-file", "2"), run.args.flags.logOpts);
    }

    @Test
    void whatIsNotGivenKeepsTheFieldsDefault() {
        RunCommand run = parse("busybox");
        assertNull(run.args.flags.network, "the default bridge, as NetworkOptions takes null");
        assertEquals("missing", run.args.image.pull);
        assertFalse(run.args.flags.autoRemove);
        assertEquals(List.of(), run.args.flags.volumes);
        assertEquals(List.of(), run.args.command);
    }

    @Test
    void theImageIsRequiredAndBadValuesAreRefused() {
        assertThrows(CommandLine.MissingParameterException.class, () -> parse("--rm"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--pids-limit", "many", "busybox"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("--no-such-option", "busybox"));
    }

    @Test
    void execTakesAContainerAndACommand() {
        ExecCommand exec = new ExecCommand();
        CommandLine cli = new CommandLine(exec.spec()).setStopAtPositional(true);
        assertThrows(CommandLine.MissingParameterException.class, () -> cli.parseArgs("web"));
        ExecCommand parsed = new ExecCommand();
        new CommandLine(parsed.spec()).setStopAtPositional(true).parseArgs("-it", "-u", "1000", "web", "ls", "-l");
        assertTrue(parsed.process.interactive && parsed.process.tty);
        assertEquals("1000", parsed.process.user);
        assertEquals("web", parsed.container);
        assertEquals(List.of("ls", "-l"), parsed.command);
    }
}
