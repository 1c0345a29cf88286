package io.promdr.core.model;

import java.time.Instant;

/**
 * {@code repository.json}, the first object written by {@code promdr init} and the first read by
 * every command. Readers refuse a {@code version} newer than {@link #CURRENT_VERSION}.
 */
public record RepositoryDescriptor(String format, int version, String id, Instant createdAt, String createdBy) {
    public static final String FORMAT = "promdr";
    public static final int CURRENT_VERSION = 1;
}
