package dev.minidocker.store.container;

import dev.minidocker.store.StoreException;

/** A container name that another container has: a random name is drawn again, a chosen one is refused. */
public final class NameConflictException extends StoreException {
    public NameConflictException(String name, String holder) {
        super("Conflict. The container name \"/" + name + "\" is already in use by container \"" + holder
                + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
}
