package dev.minidocker.store.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStoreTest {
    private static final String WEB = "ab12" + "0".repeat(60);
    private static final String DB = "ab34" + "1".repeat(60);
    private static final String CACHE = "cd56" + "2".repeat(60);

    @TempDir
    Path root;
    private ContainerStore containers;

    @BeforeEach
    void open() throws StoreException {
        containers = Store.open(root, notice -> { }).containers();
    }

    private static ContainerRecord record(String id, String name) {
        var config = new ContainerRecord.Config(null, List.of("sh"), List.of("PATH=/bin", "HOSTNAME=" + id.substring(0, 12)),
                "/", "0", id.substring(0, 12), false, false, null);
        var hostConfig = new ContainerRecord.HostConfig(0, 0, 0, 0, 0, List.of("/a:/b:ro"), List.of(), false, false,
                "none", List.of(), new ContainerRecord.LogConfig("json-file", java.util.Map.of("max-size", "1m")), "private",
                new ContainerRecord.IdMappings(List.of("0:100000:65536"), List.of("0:100000:65536")),
                List.of(new ContainerRecord.MountPoint("volume", "data", "/store/volumes/data/_data", "/data", true)), null,
                null);
        return new ContainerRecord(id, name, "busybox", null, "2026-01-01T00:00:00Z", config, hostConfig,
                ContainerState.created());
    }

    private void createAll() throws StoreException {
        containers.create(record(WEB, "web"));
        containers.create(record(DB, "db"));
        containers.create(record(CACHE, "cache"));
    }

    private String found(String nameOrId) throws StoreException {
        return containers.find(nameOrId).map(ContainerRecord::id).orElse("none");
    }

    @Test
    void theListingIsReadOnceUntilARecordIsWrittenThroughTheStore() throws Exception {
        createAll();
        ContainerStore.Listing first = containers.list();
        assertTrue(first == containers.listed(), "the listing read last is reused");
        // Another process's change is seen by the next listing this store reads, not by the reused one.
        Files.delete(containers.dir(CACHE).resolve("container.json"));
        assertEquals("cd56" + "2".repeat(60), found("cache"));
        containers.rename(WEB, "site");
        assertEquals(WEB, found("site"));
        assertEquals("none", found("cache"));
        containers.delete(DB);
        assertEquals("none", found("db"));
        assertEquals(List.of(WEB), containers.listed().records().stream().map(ContainerRecord::id).toList());
    }

    @Test
    void aCreatedContainerReadsBackWhole() throws Exception {
        ContainerRecord web = record(WEB, "web");
        containers.create(web);
        assertEquals(Optional.of(web), containers.get(WEB));
        assertTrue(Files.isRegularFile(containers.dir(WEB).resolve("container.json")));
        assertEquals(0700, (Integer) Files.getAttribute(containers.dir(WEB), "unix:mode") & 07777,
                "others pass through containers/ but cannot enter a container's directory");
    }

    @Test
    void anUnknownIdIsEmpty() throws StoreException {
        assertEquals(Optional.empty(), containers.get(WEB));
        assertEquals(List.of(), containers.all());
    }

    @Test
    void allListsEveryContainer() throws StoreException {
        createAll();
        assertEquals(Set.of("web", "db", "cache"),
                containers.all().stream().map(ContainerRecord::name).collect(Collectors.toSet()));
    }

    @Test
    void anUpdateIsSavedAndReturned() throws StoreException {
        containers.create(record(WEB, "web"));
        ContainerRecord running = containers.update(WEB,
                r -> r.withState(r.state().running(4242, 99, "2026-01-01T00:00:01Z")));
        assertEquals(ContainerStatus.RUNNING, running.state().status());
        assertEquals(running, containers.get(WEB).orElseThrow());
        assertEquals(4242, containers.get(WEB).orElseThrow().state().monitorPid());
    }

    @Test
    void updatingAnUnknownContainerFails() {
        StoreException e = assertThrows(StoreException.class, () -> containers.update(WEB, r -> r));
        assertEquals("update container " + WEB + ": no such container", e.getMessage());
    }

    @Test
    void findsByNameFullIdOrUniquePrefix() throws StoreException {
        createAll();
        assertEquals(WEB, found("web"));
        assertEquals(WEB, found("/web"));
        assertEquals(DB, found(DB));
        assertEquals(CACHE, found("cd"));
        assertEquals(WEB, found("ab12"));
        assertEquals(DB, found(DB.substring(0, 12)));
    }

    @Test
    void anAmbiguousPrefixSaysSo() throws StoreException {
        createAll();
        StoreException e = assertThrows(StoreException.class, () -> containers.find("ab"));
        assertEquals("multiple containers match the prefix \"ab\": use more characters", e.getMessage());
    }

    @Test
    void anUnknownNameOrIdFindsNothing() throws StoreException {
        createAll();
        assertEquals("none", found("nginx"));
        assertEquals("none", found("ef"));
        assertEquals("none", found("AB12"));
    }

    @Test
    void aNameBeatsAnIdPrefix() throws StoreException {
        containers.create(record(WEB, "web"));
        containers.create(record(CACHE, "ab12"));
        assertEquals(CACHE, found("ab12"));
    }

    @Test
    void aTakenNameIsRefusedAsDockerSaysIt() throws StoreException {
        containers.create(record(WEB, "web"));
        StoreException e = assertThrows(StoreException.class, () -> containers.create(record(DB, "web")));
        assertEquals("Conflict. The container name \"/web\" is already in use by container \"" + WEB
                + "\". You have to remove (or rename) that container to be able to reuse that name.", e.getMessage());
        assertEquals(Optional.empty(), containers.get(DB));
        assertFalse(Files.exists(containers.dir(DB)));
    }

    @Test
    void renameChangesOnlyTheName() throws StoreException {
        containers.create(record(WEB, "web"));
        containers.rename(WEB, "frontend");
        assertEquals(record(WEB, "frontend"), containers.get(WEB).orElseThrow());
        assertEquals(WEB, found("frontend"));
        assertEquals("none", found("web"));
    }

    @Test
    void renameToATakenNameIsRefused() throws StoreException {
        containers.create(record(WEB, "web"));
        containers.create(record(DB, "db"));
        StoreException e = assertThrows(StoreException.class, () -> containers.rename(DB, "web"));
        assertTrue(e.getMessage().startsWith("Conflict. The container name \"/web\" is already in use by container \""
                + WEB + "\""), e.getMessage());
        assertEquals("db", containers.get(DB).orElseThrow().name());
    }

    @Test
    void renameToItsOwnNameIsFine() throws StoreException {
        containers.create(record(WEB, "web"));
        containers.rename(WEB, "web");
        assertEquals("web", containers.get(WEB).orElseThrow().name());
    }

    @Test
    void deleteRemovesTheDirectoryAndFreesTheName() throws Exception {
        containers.create(record(WEB, "web"));
        Files.createDirectories(containers.dir(WEB).resolve("upper/etc"));
        Files.writeString(containers.dir(WEB).resolve("upper/etc/motd"), "hi");
        containers.delete(WEB);
        assertFalse(Files.exists(containers.dir(WEB)));
        assertEquals(List.of(), containers.all());
        containers.create(record(DB, "web"));
        assertEquals(DB, found("web"));
    }

    @Test
    void deletingWhatIsGoneIsFine() throws StoreException {
        containers.delete(WEB);
        assertEquals(List.of(), containers.all());
    }
}
