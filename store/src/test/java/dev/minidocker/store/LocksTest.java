package dev.minidocker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocksTest {
    @TempDir
    Path root;
    private Locks locks;
    private final java.util.List<Holder> holders = new java.util.ArrayList<>();

    @BeforeEach
    void open() throws StoreException {
        locks = Store.open(root, notice -> { }).locks();
    }

    @AfterEach
    void releaseAll() throws Exception {
        for (Holder h : holders) {
            h.release();
        }
    }

    /** Another thread that takes a lock, holds it until released, and releases it itself. */
    private final class Holder {
        private final CountDownLatch taken = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;
        private volatile Exception failure;

        Holder(boolean shared, String name) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (Locks.Held held = shared ? locks.shared(name) : locks.exclusive(name)) {
                    taken.countDown();
                    release.await();
                } catch (Exception e) {
                    failure = e;
                    taken.countDown();
                }
            });
            holders.add(this);
        }

        boolean takenWithin(long millis) throws Exception {
            boolean done = taken.await(millis, TimeUnit.MILLISECONDS);
            if (failure != null) {
                throw failure;
            }
            return done;
        }

        void release() throws InterruptedException {
            release.countDown();
            thread.join(5000);
        }
    }

    private static Holder assertTaken(Holder h) throws Exception {
        assertTrue(h.takenWithin(5000), "the lock was not taken");
        return h;
    }

    private static void assertWaiting(Holder h) throws Exception {
        assertFalse(h.takenWithin(50), "the lock was taken while it should wait");
    }

    @Test
    void sharedHoldersDoNotWaitForEachOther() throws Exception {
        try (Locks.Held first = locks.shared("gc")) {
            assertTaken(new Holder(true, "gc"));
            assertTaken(new Holder(true, "gc"));
        }
        assertTrue(Files.exists(root.resolve("locks/gc.lock")));
    }

    @Test
    void sharedHoldersOnOneThreadDoNotWaitEither() throws Exception {
        try (Locks.Held first = locks.shared("gc"); Locks.Held second = locks.shared("gc")) {
            assertTrue(Files.exists(root.resolve("locks/gc.lock")));
        }
    }

    @Test
    void exclusiveWaitsForEverySharedHolder() throws Exception {
        Holder otherShared = assertTaken(new Holder(true, "gc"));
        Holder exclusive;
        try (Locks.Held shared = locks.shared("gc")) {
            exclusive = new Holder(false, "gc");
            assertWaiting(exclusive);
        }
        assertWaiting(exclusive);
        otherShared.release();
        assertTaken(exclusive);
    }

    /** While {@code first} is held, another thread's take of {@code name} waits; once released, it is taken. */
    private void assertWaitsUntilReleased(Locks.Held first, boolean secondShared, String name) throws Exception {
        Holder second;
        try (first) {
            second = new Holder(secondShared, name);
            assertWaiting(second);
        }
        assertTaken(second);
    }

    @Test
    void sharedWaitsForAnExclusiveHolder() throws Exception {
        assertWaitsUntilReleased(locks.exclusive("gc"), true, "gc");
    }

    @Test
    void exclusiveHoldersTakeTurns() throws Exception {
        assertWaitsUntilReleased(locks.exclusive("blob-x"), false, "blob-x");
    }

    @Test
    void exclusiveWaitsForASharedHolder() throws Exception {
        assertWaitsUntilReleased(locks.shared("gc"), false, "gc");
    }

    @Test
    void differentNamesAreIndependent() throws Exception {
        try (Locks.Held a = locks.exclusive("a")) {
            assertTaken(new Holder(false, "b"));
        }
        try (var files = Files.list(root.resolve("locks"))) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void aLockThatCannotBeTakenNamesIt() throws Exception {
        Files.delete(root.resolve("locks"));
        StoreException e = assertThrows(StoreException.class, () -> locks.exclusive("gc"));
        assertTrue(e.getMessage().startsWith("lock gc: "), e.getMessage());
        Files.createDirectory(root.resolve("locks"));
        locks.exclusive("gc").close();
    }

    @Test
    void aFailedSharedTakeLeavesNothingHeld() throws Exception {
        Files.delete(root.resolve("locks"));
        assertThrows(StoreException.class, () -> locks.shared("gc"));
        Files.createDirectory(root.resolve("locks"));
        assertTaken(new Holder(false, "gc"));
    }
}
