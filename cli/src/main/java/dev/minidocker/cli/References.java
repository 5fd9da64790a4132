package dev.minidocker.cli;

import dev.minidocker.store.ImageReference;

/** Reference parsing with the CLI's failure: one line, status 1 as Docker's pull gives. */
final class References {
    private References() {
    }

    static ImageReference parse(String text) throws CliException {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
