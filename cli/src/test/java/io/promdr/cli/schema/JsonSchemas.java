package io.promdr.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented JSON schemas of the CLI's outputs (docs/schemas/), read from the source tree so
 * that a test fails when the output and its documentation disagree. Formats (date-time) are
 * asserted, not just annotations.
 */
public final class JsonSchemas {
    /** Tests run in the cli module directory; the docs live next to it. */
    public static final Path DIR = Path.of("..", "docs", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {
    }

    /** Parses {@code json} and asserts it is valid against {@code docs/schemas/<name>.schema.json}; returns the tree. */
    public static JsonNode assertValid(String name, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Set<ValidationMessage> errors = schema(name).validate(node);
            assertThat(errors).as("output against docs/schemas/%s.schema.json:%n%s", name, json).isEmpty();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    public static JsonSchema schema(String name) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(DIR.resolve(name + ".schema.json"))) {
            return factory.getSchema(in, config);
        }
    }
}
