package dev.minidocker.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code top}: the host's {@code ps} with the user's options ({@code -ef} by default), its lines
 * kept for the container's processes alone, as Docker's daemon does it: the header's PID column
 * tells which line is whose, and the last column (the command) keeps its spaces.
 */
public record ProcessTable(List<String> titles, List<List<String>> processes) {
    private static final Pattern KEYED_PID = Pattern.compile("\\s+([^\\s]*)=\\s*(PID[^\\s]*)");

    /** Runs {@code ps ARGS -q PIDS} (without {@code -q} when ps refuses the pair, as with {@code f}). */
    public static ProcessTable of(Set<Long> pids, String psArgs) throws LaunchException {
        validate(psArgs);
        List<String> args = Arrays.asList(psArgs.split(" "));
        String pidList = pids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        String output;
        try {
            output = ps(args, List.of("-q", pidList));
        } catch (LaunchException refused) {
            output = ps(args, List.of());
        }
        return parse(output, pids);
    }

    private static String ps(List<String> args, List<String> more) throws LaunchException {
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(args);
        command.addAll(more);
        try {
            Process ps = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ps.waitFor() != 0) {
                throw new LaunchException("ps: exit status " + ps.exitValue() + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new LaunchException("run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("run ps: interrupted", e);
        }
    }

    /** Docker refuses a column renamed to PID ({@code -o user=PID}): the PID column would lie. */
    static void validate(String psArgs) throws LaunchException {
        Matcher m = KEYED_PID.matcher(psArgs);
        while (m.find()) {
            if (!m.group(1).equals("pid")) {
                throw new LaunchException("specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed");
            }
        }
    }

    /** The lines of {@code output} whose PID is one of {@code pids}; a thread's line ("-") is skipped. */
    static ProcessTable parse(String output, Set<Long> pids) throws LaunchException {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty()) {
            throw new LaunchException("Couldn't find PID field in ps output");
        }
        List<String> titles = fields(lines.get(0));
        int pidIndex = titles.indexOf("PID");
        if (pidIndex < 0) {
            throw new LaunchException("Couldn't find PID field in ps output");
        }
        List<List<String>> processes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = fields(line);
            if (fields.size() <= pidIndex || fields.get(pidIndex).equals("-")) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(fields.get(pidIndex));
            } catch (NumberFormatException e) {
                throw new LaunchException("Unexpected pid '" + fields.get(pidIndex) + "': " + e.getMessage());
            }
            if (pids.contains(pid)) {
                List<String> row = new ArrayList<>(fields.subList(0, Math.min(titles.size() - 1, fields.size())));
                if (fields.size() >= titles.size()) {
                    row.add(String.join(" ", fields.subList(titles.size() - 1, fields.size())));
                }
                processes.add(row);
            }
        }
        return new ProcessTable(titles, processes);
    }

    private static List<String> fields(String line) {
        return Arrays.stream(line.trim().split("[ \\t]+")).filter(s -> !s.isEmpty()).toList();
    }
}
