package dev.minidocker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson's tree model for what the commands print as Docker prints it: {@code inspect}'s arrays
 * (indented), {@code --format json} and {@code {{json}}} (one line each). Only commands that print
 * JSON load it; the store's own files go through the runtime-spec module's reader and writer.
 */
final class DockerJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DockerJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
