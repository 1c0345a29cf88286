package io.promdr.core.repo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings of the repository format: ISO-8601 UTC times, indented output, and unknown
 * fields ignored so that a reader of format 1.x accepts fields added by a later 1.y writer.
 */
public final class RepositoryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RepositoryJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
