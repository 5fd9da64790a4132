package dev.minidocker.store.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerPathTest {
    @Test
    void namesAreMadeRelativeAndClean() throws Exception {
        assertEquals("usr/lib", LayerPath.parse("./usr//lib/", "path").relative());
        assertEquals("a/b", LayerPath.parse("a/./b", "path").relative());
        assertEquals("...", LayerPath.parse("...", "path").relative());
        assertEquals("..a/b..", LayerPath.parse("..a/b..", "path").relative());
        assertTrue(LayerPath.parse("./", "path").isRoot());
        assertTrue(LayerPath.parse(".", "path").isRoot());
    }

    @Test
    void refusesWhatCouldLeaveTheLayer() {
        assertEquals("path escapes the layer",
                assertThrows(BadEntryException.class, () -> LayerPath.parse("a/../../b", "path")).getMessage());
        assertEquals("path escapes the layer",
                assertThrows(BadEntryException.class, () -> LayerPath.parse("a/..", "path")).getMessage());
        assertEquals("link is absolute",
                assertThrows(BadEntryException.class, () -> LayerPath.parse("/etc", "link")).getMessage());
        assertEquals("path contains a NUL byte",
                assertThrows(BadEntryException.class, () -> LayerPath.parse("a\0b", "path")).getMessage());
    }

    @Test
    void parentsNamesAndContainment() throws Exception {
        LayerPath p = LayerPath.parse("usr/lib/libc.so", "path");
        assertEquals("usr/lib", p.parent().relative());
        assertEquals("libc.so", p.name());
        assertTrue(LayerPath.parse("usr", "path").parent().isRoot());
        assertEquals(p, p.parent().child("libc.so"));
        assertTrue(LayerPath.parse("usr/lib", "path").contains(p));
        assertTrue(LayerPath.ROOT.contains(p));
        assertTrue(p.contains(p));
        assertFalse(LayerPath.parse("usr/li", "path").contains(p));
    }

    @Test
    void quotedNamesEscapeControlCharacters() {
        assertEquals("\"a\\x00b\\\"c\\x0a\"", BadEntryException.quoted("a\0b\"c\n"));
    }
}
