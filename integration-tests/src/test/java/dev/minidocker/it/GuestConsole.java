package dev.minidocker.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the guest printed on its console (src/test/guest/boot): one line per check, {@code ok N
 * NAME (S s)}, {@code not ok N NAME (S s): REASON} followed by the check's output as {@code # }
 * lines, or {@code skip N NAME: REASON}; or, from guest.sh, {@code guest: cannot run: REASON}.
 */
final class GuestConsole {
    enum Outcome { PASSED, FAILED, SKIPPED }

    record Result(String name, Outcome outcome, String seconds, String reason, List<String> output) {
    }

    private static final Pattern RESULT =
            Pattern.compile("(ok|not ok|skip) \\d+ (\\S+)(?: \\(([0-9.]+) s\\))?(?:: (.*))?");
    private static final String CANNOT_RUN = "guest: cannot run: ";
    private static final int TAIL = 40;

    private final List<String> lines;
    private final Map<String, Result> results = new LinkedHashMap<>();
    private String cannotRun;

    private GuestConsole(List<String> lines) {
        this.lines = lines;
        Result last = null;
        for (String line : lines) {
            Matcher result = RESULT.matcher(line);
            if (result.matches()) {
                Outcome outcome = switch (result.group(1)) {
                    case "ok" -> Outcome.PASSED;
                    case "not ok" -> Outcome.FAILED;
                    default -> Outcome.SKIPPED;
                };
                last = new Result(result.group(2), outcome, result.group(3), result.group(4), new ArrayList<>());
                results.put(last.name(), last);
            } else if (line.startsWith("# ") && last != null) {
                last.output().add(line.substring(2));
            } else if (line.startsWith(CANNOT_RUN)) {
                cannotRun = line.substring(CANNOT_RUN.length());
            }
        }
    }

    /** The console's text; the serial line's carriage returns dropped. */
    static GuestConsole of(String text) {
        return new GuestConsole(text.replace("\r", "").lines().toList());
    }

    Optional<Result> result(String check) {
        return Optional.ofNullable(results.get(check));
    }

    /** Why guest.sh could not run the guest on this machine, if it said so. */
    Optional<String> cannotRun() {
        return Optional.ofNullable(cannotRun);
    }

    /**
     * Reports {@code check} as a test result: passes, fails with the check's reason and output, or
     * is skipped (aborted) with the reason; fails when the console has no line for it.
     */
    void report(String check) {
        cannotRun().ifPresent(reason -> Assumptions.abort("the guest cannot run here: " + reason));
        Result result = result(check).orElseThrow(() -> new AssertionError(
                "no result for " + check + ": the guest ended before it; the console's end:\n" + tail()));
        switch (result.outcome()) {
            case PASSED -> { }
            case FAILED -> Assertions.fail(result.reason() + "\n" + String.join("\n", result.output()));
            case SKIPPED -> Assumptions.abort(result.reason());
        }
    }

    private String tail() {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL), lines.size()));
    }
}
