package io.promdr.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.core.repo.RepositoryJson;

import java.io.PrintWriter;

/** JSON on stdout: the repository format's settings (RFC 3339 times, indented), nulls kept so that every documented field is present. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = RepositoryJson.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
