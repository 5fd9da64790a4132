package dev.minidocker.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's -u rules against an image's /etc/passwd and /etc/group. */
class UsersTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            # a comment
            bob:x:1000:1000:Bob,,,:/home/bob:/bin/bash
            broken line
            """;
    private static final String GROUP = """
            root:x:0:
            wheel:x:10:root
            staff:x:50:bob,root
            bob:x:1000:
            audio:x:29:bob
            """;
    private static final Spec.User ROOT = new Spec.User(0, 0, List.of());

    private static Users.ExecUser resolve(String text, Spec.User spec) throws SetupException {
        return Users.resolve(text, spec, PASSWD, GROUP);
    }

    @Test
    void noUserTextKeepsTheSpecIdsAndAddsTheGroupsListingThatUser() throws Exception {
        assertEquals(new Users.ExecUser(0, 0, List.of(10, 50), "/root"), resolve(null, ROOT));
        assertEquals(new Users.ExecUser(1000, 7, List.of(50, 29, 44), "/home/bob"),
                resolve(null, new Spec.User(1000, 7, List.of(44))));
    }

    @Test
    void aNameTakesItsIdsAndGroupsFromTheFiles() throws Exception {
        assertEquals(new Users.ExecUser(1000, 1000, List.of(50, 29), "/home/bob"), resolve("bob", ROOT));
        assertEquals(new Users.ExecUser(1000, 1000, List.of(50, 29), "/home/bob"), resolve("1000", ROOT));
    }

    @Test
    void aNamedGroupReplacesTheGidAndTheSupplementaryGroups() throws Exception {
        assertEquals(new Users.ExecUser(1000, 50, List.of(), "/home/bob"), resolve("bob:staff", ROOT));
        assertEquals(new Users.ExecUser(1000, 29, List.of(), "/home/bob"), resolve("1000:audio", ROOT));
        assertEquals(new Users.ExecUser(1, 4242, List.of(), "/usr/sbin"), resolve("daemon:4242", ROOT));
    }

    @Test
    void numericIdsNeedNoEntry() throws Exception {
        assertEquals(new Users.ExecUser(4242, 0, List.of(), "/"), resolve("4242", ROOT));
        assertEquals(new Users.ExecUser(4242, 4243, List.of(), "/"), resolve("4242:4243", ROOT));
        assertEquals(new Users.ExecUser(4242, 0, List.of(), "/"), Users.resolve("4242", ROOT, "", ""));
    }

    @Test
    void unknownNamesAreErrors() {
        assertEquals("resolve user `alice`: no matching entries in passwd file",
                assertThrows(SetupException.class, () -> resolve("alice", ROOT)).getMessage());
        assertEquals("resolve group `nogroup`: no matching entries in group file",
                assertThrows(SetupException.class, () -> resolve("bob:nogroup", ROOT)).getMessage());
    }
}
