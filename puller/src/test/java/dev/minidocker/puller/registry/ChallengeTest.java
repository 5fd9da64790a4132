package dev.minidocker.puller.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void dockerHubBearer() {
        List<Challenge> all = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\"");
        assertEquals(1, all.size());
        Challenge c = all.getFirst();
        assertTrue(c.isBearer());
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:samalba/my-app:pull,push"), c.params());
    }

    @Test
    void quotedCommaDoesNotSplitTheParameter() {
        Challenge c = Challenge.parse("Bearer scope=\"repository:a:pull,push\", realm=\"https://x/token\"").getFirst();
        assertEquals(Optional.of("repository:a:pull,push"), c.param("scope"));
        assertEquals(Optional.of("https://x/token"), c.param("realm"));
    }

    @Test
    void serviceMayBeAbsent() {
        Challenge c = Challenge.parse("Bearer realm=\"https://ghcr.io/token\"").getFirst();
        assertEquals(Optional.empty(), c.param("service"));
    }

    @Test
    void basicRealm() {
        Challenge c = Challenge.parse("Basic realm=\"Registry Realm\"").getFirst();
        assertTrue(c.isBasic());
        assertEquals(Optional.of("Registry Realm"), c.param("realm"));
    }

    @Test
    void schemeAndNamesIgnoreCaseAndSpacesAroundEquals() {
        Challenge c = Challenge.parse("bearer  Realm = \"https://r/t\" ,  SERVICE=svc").getFirst();
        assertTrue(c.isBearer());
        assertEquals(Optional.of("https://r/t"), c.param("realm"));
        assertEquals(Optional.of("svc"), c.param("service"));
    }

    @Test
    void unquotedValues() {
        Challenge c = Challenge.parse("Bearer realm=https://auth.example.com/token,service=example").getFirst();
        assertEquals(Optional.of("https://auth.example.com/token"), c.param("realm"));
        assertEquals(Optional.of("example"), c.param("service"));
    }

    @Test
    void escapedQuotesInsideValues() {
        Challenge c = Challenge.parse("Basic realm=\"say \\\"hi\\\", then go\"").getFirst();
        assertEquals(Optional.of("say \"hi\", then go"), c.param("realm"));
    }

    @Test
    void severalChallengesInOneHeader() {
        List<Challenge> all = Challenge.parse(
                "Basic realm=\"basic\", Bearer realm=\"https://t/token\",service=\"s\", error=\"invalid_token\"");
        assertEquals(2, all.size());
        assertTrue(all.get(0).isBasic());
        assertEquals(Optional.of("basic"), all.get(0).param("realm"));
        assertTrue(all.get(1).isBearer());
        assertEquals(Optional.of("s"), all.get(1).param("service"));
        assertEquals(Optional.of("invalid_token"), all.get(1).param("error"));
    }

    @Test
    void severalHeaders() {
        List<Challenge> all = Challenge.parseAll(List.of("Basic realm=\"a\"", "Bearer realm=\"b\""));
        assertEquals(List.of("Basic", "Bearer"), all.stream().map(Challenge::scheme).toList());
    }

    @Test
    void schemeWithoutParameters() {
        List<Challenge> all = Challenge.parse("Negotiate, Basic realm=\"x\"");
        assertEquals(List.of("Negotiate", "Basic"), all.stream().map(Challenge::scheme).toList());
        assertTrue(all.getFirst().params().isEmpty());
    }

    @Test
    void token68IsSkipped() {
        List<Challenge> all = Challenge.parse("Custom dGVzdA==, Basic realm=\"r\"");
        assertEquals(List.of("Custom", "Basic"), all.stream().map(Challenge::scheme).toList());
        assertEquals(Optional.of("r"), all.get(1).param("realm"));
    }

    @Test
    void emptyAndMalformedHeadersDoNotThrow() {
        assertTrue(Challenge.parse("").isEmpty());
        assertTrue(Challenge.parse(null).isEmpty());
        assertTrue(Challenge.parse("realm=\"no scheme\"").isEmpty());
        Challenge c = Challenge.parse("Bearer realm=\"unterminated").getFirst();
        assertEquals(Optional.of("unterminated"), c.param("realm"));
        assertFalse(Challenge.parse("Bearer ,,, realm=\"x\",,").getFirst().params().isEmpty());
    }

    @Test
    void emptyQuotedValue() {
        Challenge c = Challenge.parse("Bearer realm=\"https://r\",service=\"\"").getFirst();
        assertEquals(Optional.of(""), c.param("service"));
    }
}
