package dev.minidocker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathShorthandTest {
    private static final String ID = "53e9aaccf8082604c7fca173a12ff360f2a0e808d922547fe829598bfec71763";
    private static final PathShorthand PATHS = new PathShorthand(Path.of("/tmp/store/containers/" + ID));

    @Test
    void theLegendNamesEachShortNameOnce() {
        assertEquals("$ROOT is the store /tmp/store, $ID this container's id " + ID
                + ", and $CONTAINER its directory $ROOT/containers/$ID", PATHS.legend());
    }

    @Test
    void theContainersDirectoryTheStoreAndTheIdAreShortened() {
        assertEquals("mount overlay on $CONTAINER/rootfs (lowerdir=$ROOT/layers/sha256/ab/diff,"
                        + "upperdir=$CONTAINER/upper,workdir=$CONTAINER/work)",
                PATHS.shorten("mount overlay on /tmp/store/containers/" + ID + "/rootfs (lowerdir=/tmp/store/layers/"
                        + "sha256/ab/diff,upperdir=/tmp/store/containers/" + ID + "/upper,workdir=/tmp/store/containers/"
                        + ID + "/work)"));
    }

    @Test
    void theIdIsShortenedWhereverItNamesTheContainer() {
        assertEquals("rmdir /sys/fs/cgroup/memory/minidocker/$ID; log $CONTAINER/$ID-json.log",
                PATHS.shorten("rmdir /sys/fs/cgroup/memory/minidocker/" + ID + "; log /tmp/store/containers/" + ID
                        + "/" + ID + "-json.log"));
    }

    @Test
    void onlyWholePathsAreShortened() {
        assertEquals("bind /tmp/store2/x and /x/tmp/store/y and /tmp/store.old on $ROOT",
                PATHS.shorten("bind /tmp/store2/x and /x/tmp/store/y and /tmp/store.old on /tmp/store"));
    }

    @Test
    void aLineWithoutThemIsLeftAsItIs() {
        assertEquals("mount proc on /proc (nosuid,noexec,nodev)", PATHS.shorten("mount proc on /proc (nosuid,noexec,nodev)"));
    }

    @Test
    void aStoreAtTheRootIsNotShortened() {
        PathShorthand atRoot = new PathShorthand(Path.of("/containers/" + ID));
        assertEquals("write $CONTAINER/init.pid, read /etc/hosts",
                atRoot.shorten("write /containers/" + ID + "/init.pid, read /etc/hosts"));
    }

    @Test
    void aDirectoryOutsideAStoreIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PathShorthand(Path.of("/" + ID)));
    }
}
