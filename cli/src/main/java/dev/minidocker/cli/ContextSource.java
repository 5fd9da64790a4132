package dev.minidocker.cli;

/** A parent command that hands its {@link Context} to subcommands ({@code minidocker}, {@code minidocker image}). */
interface ContextSource {
    Context context();
}
