package dev.minidocker.launcher.seccomp;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.Seccomp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A container's seccomp section as runc hands it to libseccomp, written in minidocker-seccomp's
 * line format (native/src/main/c/seccomp.c): one syscall name a rule; rules whose action is the
 * default action (ERRNO with its errno) left out, since libseccomp refuses them; an errno of EPERM
 * where ERRNO or TRACE give none; the conditions of a rule that compares one argument twice split
 * into one rule each, which libseccomp cannot otherwise express. The text's SHA-256 names the
 * compiled program in the store.
 */
public final class LibseccompRules {
    private static final int EPERM = 1;
    private static final int ARGUMENTS = 6;
    static final Pattern SYSCALL_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private LibseccompRules() {
    }

    public static String of(Seccomp seccomp) throws LaunchException {
        StringBuilder text = new StringBuilder(8192);
        String defaultAction = action(seccomp.defaultAction(), seccomp.defaultErrnoRet());
        text.append("default ").append(defaultAction).append('\n');
        for (String arch : seccomp.architectures()) {
            text.append("arch ").append(word(arch, "architecture")).append('\n');
        }
        for (Seccomp.Syscall syscall : seccomp.syscalls()) {
            String action = action(syscall.action(), syscall.errnoRet());
            if (action.equals(defaultAction)) {
                continue;
            }
            for (List<Seccomp.Arg> conditions : conditionSets(syscall.args())) {
                for (String name : syscall.names()) {
                    if (!SYSCALL_NAME.matcher(name).matches()) {
                        throw new LaunchException("seccomp: " + quoted(name) + " is not a syscall name");
                    }
                    text.append("rule ").append(action).append(' ').append(name);
                    for (Seccomp.Arg c : conditions) {
                        text.append(' ').append(c.index()).append(' ').append(word(c.op(), "operator")).append(' ')
                                .append(Long.toUnsignedString(c.value())).append(' ')
                                .append(Long.toUnsignedString(c.valueTwo()));
                    }
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    /** "ACTION ERRNO", KILL as KILL_THREAD (libseccomp's one action), the errno only where it counts. */
    private static String action(String action, Long errnoRet) throws LaunchException {
        if (action == null || !ProfileReader.ACTIONS.contains(action)) {
            throw new LaunchException("seccomp: unknown action " + quoted(action));
        }
        if (action.equals("SCMP_ACT_ERRNO") || action.equals("SCMP_ACT_TRACE")) {
            return action + " " + (errnoRet == null ? EPERM : errnoRet);
        }
        return (action.equals("SCMP_ACT_KILL") ? "SCMP_ACT_KILL_THREAD" : action) + " 0";
    }

    /** All conditions in one rule, or each alone when an argument is compared more than once (runc's rule). */
    private static List<List<Seccomp.Arg>> conditionSets(List<Seccomp.Arg> args)
            throws LaunchException {
        if (args == null || args.isEmpty()) {
            return List.of(List.of());
        }
        long seen = 0;
        for (Seccomp.Arg arg : args) {
            if (arg.index() < 0 || arg.index() >= ARGUMENTS) {
                throw new LaunchException("seccomp: " + arg.index() + " is not an argument (0-5)");
            }
            if ((seen & (1L << arg.index())) != 0) {
                List<List<Seccomp.Arg>> each = new ArrayList<>();
                for (Seccomp.Arg a : args) {
                    each.add(List.of(a));
                }
                return each;
            }
            seen |= 1L << arg.index();
        }
        return List.of(args);
    }

    private static String quoted(String value) {
        return value == null ? "null" : ProfileReader.quoted(value);
    }

    private static String word(String value, String what) throws LaunchException {
        if (value == null || !SYSCALL_NAME.matcher(value).matches()) {
            throw new LaunchException("seccomp: " + quoted(value) + " is not an " + what);
        }
        return value;
    }
}
