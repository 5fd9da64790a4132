package dev.minidocker.linux;

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
    private static Users.ExecUser resolve(String text) throws LinuxException {
        return Users.resolve(text, 0, 0, List.of(), PASSWD, GROUP);
    }

    @Test
    void noUserTextKeepsTheSpecIdsAndAddsTheGroupsListingThatUser() throws Exception {
        assertEquals(new Users.ExecUser(0, 0, List.of(10, 50), "/root"), resolve(null));
        assertEquals(new Users.ExecUser(1000, 7, List.of(50, 29, 44), "/home/bob"),
                Users.resolve(null, 1000, 7, List.of(44), PASSWD, GROUP));
    }

    @Test
    void aNameTakesItsIdsAndGroupsFromTheFiles() throws Exception {
        assertEquals(new Users.ExecUser(1000, 1000, List.of(50, 29), "/home/bob"), resolve("bob"));
        assertEquals(new Users.ExecUser(1000, 1000, List.of(50, 29), "/home/bob"), resolve("1000"));
    }

    @Test
    void aNamedGroupReplacesTheGidAndTheSupplementaryGroups() throws Exception {
        assertEquals(new Users.ExecUser(1000, 50, List.of(), "/home/bob"), resolve("bob:staff"));
        assertEquals(new Users.ExecUser(1000, 29, List.of(), "/home/bob"), resolve("1000:audio"));
        assertEquals(new Users.ExecUser(1, 4242, List.of(), "/usr/sbin"), resolve("daemon:4242"));
    }

    @Test
    void numericIdsNeedNoEntry() throws Exception {
        assertEquals(new Users.ExecUser(4242, 0, List.of(), "/"), resolve("4242"));
        assertEquals(new Users.ExecUser(4242, 4243, List.of(), "/"), resolve("4242:4243"));
        assertEquals(new Users.ExecUser(4242, 0, List.of(), "/"), Users.resolve("4242", 0, 0, List.of(), "", ""));
    }

    @Test
    void unknownNamesAreErrors() {
        assertEquals("resolve user `alice`: no matching entries in passwd file",
                assertThrows(LinuxException.class, () -> resolve("alice")).getMessage());
        assertEquals("resolve group `nogroup`: no matching entries in group file",
                assertThrows(LinuxException.class, () -> resolve("bob:nogroup")).getMessage());
    }
}
