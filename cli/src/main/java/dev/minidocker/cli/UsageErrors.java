package dev.minidocker.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line the parser refused, worded and ended as Docker's CLI does: too few or too many
 * arguments ({@code "minidocker rm" requires at least 1 argument.}, its usage line, status 1), an
 * unknown flag ({@code unknown flag: --bogus}, status 125), any other flag error (status 125),
 * each followed by {@code See 'minidocker rm --help'.}.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    /** Prints what is wrong with the command line {@code e} names on {@code err}; the exit status. */
    static int report(ParameterException e, String program, PrintStream err) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String path = spec.qualifiedName(" ");
        String see = "See '" + path + " --help'.";
        if (e instanceof UnmatchedArgumentException u && u.isUnknownOption() && !u.getUnmatched().isEmpty()) {
            err.println(unknownFlag(spec, u.getUnmatched().getFirst()));
            err.println(see);
            return ExitCodes.ENGINE;
        }
        boolean missing = e instanceof MissingParameterException m && m.getMissing().stream()
                .allMatch(a -> a instanceof PositionalParamSpec);
        boolean tooMany = e instanceof UnmatchedArgumentException;
        if (!(missing || tooMany) || spec.subcommands().size() > 0) {
            err.println(program + ": " + e.getMessage());
            err.println(see);
            return ExitCodes.ENGINE;
        }
        err.println("\"" + path + "\" " + count(spec.positionalParameters()) + "\n" + see + "\n\nUsage:  "
                + usageLine(spec) + "\n\n" + String.join(" ", spec.usageMessage().description()));
        return ExitCodes.FAILURE;
    }

    /** pflag's words for a flag the command does not have. */
    static String unknownFlag(CommandSpec spec, String argument) {
        if (argument.startsWith("--")) {
            int eq = argument.indexOf('=');
            return "unknown flag: " + (eq < 0 ? argument : argument.substring(0, eq));
        }
        for (char c : argument.substring(1).toCharArray()) {
            if (spec.findOption("-" + c) == null) {
                return "unknown shorthand flag: '" + c + "' in " + argument;
            }
        }
        return "unknown shorthand flag: '" + argument.substring(1) + "' in " + argument;
    }

    /** How many arguments the command takes, in the words of Docker's argument checks. */
    static String count(List<PositionalParamSpec> positionals) {
        int min = 0;
        int max = 0;
        for (PositionalParamSpec p : positionals) {
            min += p.arity().min();
            max = p.arity().isUnspecified() || p.arity().max() == Integer.MAX_VALUE || max == Integer.MAX_VALUE
                    ? Integer.MAX_VALUE : max + p.arity().max();
        }
        if (max == 0) {
            return "accepts no arguments.";
        }
        if (max == Integer.MAX_VALUE) {
            return "requires at least " + arguments(min) + ".";
        }
        if (min == max) {
            return "requires exactly " + arguments(min) + ".";
        }
        if (min == 0) {
            return "requires at most " + arguments(max) + ".";
        }
        return "requires at least " + min + " and at most " + arguments(max) + ".";
    }

    private static String arguments(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }

    /** {@code minidocker rm [OPTIONS] CONTAINER [CONTAINER...]}, as Docker's usage lines read. */
    static String usageLine(CommandSpec spec) {
        StringBuilder line = new StringBuilder(spec.qualifiedName(" "));
        if (spec.options().size() > 1) {
            line.append(" [OPTIONS]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String label = p.paramLabel();
            boolean many = p.arity().max() > 1;
            if (p.arity().min() == 0) {
                line.append(" [").append(label).append(many ? "..." : "").append(']');
            } else {
                line.append(' ').append(label).append(many ? " [" + label + "...]" : "");
            }
        }
        return line.toString();
    }
}
