package io.promdr.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.promdr.core.repo.RepositoryJson;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Records the steps of a job hand to each other (a plan, block records, a manifest), kept in the
 * job's execution context as compact JSON in the repository format: the context is persisted with
 * the job, so it holds plain strings, never Java-serialised objects.
 */
public final class ContextJson {
    private static final ObjectWriter WRITER = RepositoryJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private ContextJson() {
    }

    public static void put(ExecutionContext context, String key, Object value) {
        try {
            context.putString(key, WRITER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The value stored under {@code key}, or empty when there is none. A value that does not read
     * back raises IllegalStateException naming {@code what}: the job wrote it, so that is a bug.
     */
    public static <T> Optional<T> get(ExecutionContext context, String key, Class<T> type, String what) {
        return get(context, key, RepositoryJson.mapper().constructType(type), what);
    }

    /** As {@link #get(ExecutionContext, String, Class, String)}, for generic types such as lists. */
    public static <T> Optional<T> get(ExecutionContext context, String key, TypeReference<T> type, String what) {
        return get(context, key, RepositoryJson.mapper().getTypeFactory().constructType(type), what);
    }

    private static <T> Optional<T> get(ExecutionContext context, String key, JavaType type, String what) {
        String json = context.getString(key, null);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RepositoryJson.mapper().readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + what + " in the job context", e);
        }
    }
}
