package dev.minidocker.launcher.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void namesAreAdjectiveUnderscoreScientistAndValidContainerNames() {
        Random random = new Random(42);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String name = Names.random(random);
            assertTrue(name.matches("[a-z]+_[a-z]+"), name);
            assertTrue(name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"), "Docker's name rule: " + name);
            seen.add(name);
        }
        assertTrue(seen.size() > 100, "names vary: " + seen.size() + " distinct of 200");
    }

    @Test
    void theSameRandomGivesTheSameName() {
        assertEquals(Names.random(new Random(7)), Names.random(new Random(7)));
    }
}
