package dev.minidocker.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command whose picocli model is declared in code (see {@link CodedOptions}). */
interface CodedCommand {
    /** Its model, options and parameters bound to this object's fields. */
    CommandSpec spec();

    /** Runs the command as parsed into the fields; its exit status ({@link ExitCodes}). */
    int call(Context context) throws Exception;
}
