package dev.minidocker.launcher;

import java.util.List;
import java.util.Locale;

/**
 * Signal names and numbers as {@code kill -s} and an image's {@code StopSignal} give them:
 * {@code KILL}, {@code SIGKILL}, {@code kill} or {@code 9}; {@code RTMIN+N} too. Linux numbering
 * (the same on amd64 and arm64 for these).
 */
public final class Signals {
    public static final int KILL = 9;
    public static final int TERM = 15;
    private static final int RTMIN = 34;
    private static final int RTMAX = 64;
    /** Index = signal number. */
    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private Signals() {
    }

    /** The number of a signal given by name (with or without "SIG", any case) or number. */
    public static int parse(String text) throws LaunchException {
        String name = text.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        int number = switch (name) {
            case "IOT" -> 6;
            case "POLL" -> 29;
            case "CLD" -> 17;
            default -> name.matches("[0-9]{1,3}") ? Integer.parseInt(name) : NAMES.indexOf(name);
        };
        if (number < 0 && name.startsWith("RTMIN+") && name.substring(6).matches("[0-9]{1,2}")) {
            number = RTMIN + Integer.parseInt(name.substring(6));
        } else if (number < 0 && name.equals("RTMIN")) {
            number = RTMIN;
        } else if (number < 0 && name.equals("RTMAX")) {
            number = RTMAX;
        }
        if (number <= 0 || number > RTMAX || number == 32 || number == 33) {
            throw new LaunchException("Invalid signal: " + text);
        }
        return number;
    }
}
