package dev.minidocker.launcher.cgroup;

/** Hears each change made to the cgroup tree, one line each, for {@code --explain}. */
@FunctionalInterface
public interface EventListener {
    EventListener NONE = line -> { };

    void event(String line);
}
