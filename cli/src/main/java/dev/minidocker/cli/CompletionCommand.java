package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positional;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code minidocker completion bash|zsh|fish}: the shell's completion script for every command,
 * made from their models, as {@code docker completion} prints it. bash's is picocli's generator's;
 * zsh runs that one through its {@code bashcompinit}; fish's is made here ({@link FishCompletion}).
 */
final class CompletionCommand implements CodedCommand {
    String shell;

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "completion", "Print the completion script of a shell.");
        spec.addPositional(positional("0", "bash|zsh|fish", null, v -> shell = v));
        return spec;
    }

    @Override
    public int call(Context context) throws CliException {
        context.out.print(script(shell, Main.everyCommand()));
        return ExitCodes.OK;
    }

    static String script(String shell, CommandLine every) throws CliException {
        return switch (shell) {
            case "bash" -> AutoComplete.bash("minidocker", every);
            // zsh's site-functions name the command on the first line; bashcompinit gives zsh bash's `complete`.
            case "zsh" -> "#compdef minidocker\nautoload -U +X bashcompinit && bashcompinit\n"
                    + AutoComplete.bash("minidocker", every);
            case "fish" -> FishCompletion.of(every.getCommandSpec());
            default -> throw new CliException("unsupported shell \"" + shell + "\": use bash, zsh or fish", ExitCodes.ENGINE);
        };
    }
}
