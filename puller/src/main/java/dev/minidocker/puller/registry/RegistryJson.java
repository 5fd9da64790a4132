package dev.minidocker.puller.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson's tree model for what the registry client reads as it comes (manifests before their kind
 * is known, tokens, error bodies, credential helpers' answers) and for Docker's credentials file,
 * which it rewrites indented. Pulls and logins are not bound by the JVM's start-up, as run is.
 */
final class RegistryJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RegistryJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
