package io.promdr.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * {@code repository.json}, the first object written by {@code promdr init} and the first read by
 * every command. Readers refuse a {@code version} newer than {@link #CURRENT_VERSION}, and a
 * version 2 repository that requires a feature they do not know.
 *
 * @param requiredFeatures version 2: what a reader must implement to read the repository at all
 *                         ({@link #FEATURE_ENCRYPTION}); absent in version 1
 * @param encryption       how block archives are encrypted, or absent for a plaintext repository
 */
public record RepositoryDescriptor(String format, int version, String id, Instant createdAt, String createdBy,
                                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> requiredFeatures,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) RepositoryEncryption encryption) {
    public static final String FORMAT = "promdr";
    /** The newest version this promdr reads. */
    public static final int CURRENT_VERSION = 2;
    /** What {@code promdr init} writes for a plaintext repository: every promdr since the first reads it. */
    public static final int PLAIN_VERSION = 1;
    /** Version 1 plus {@code requiredFeatures}: written only when a feature needs it, so older promdr refuse it. */
    public static final int FEATURES_VERSION = 2;
    public static final String FEATURE_ENCRYPTION = "encryption";
    /** The features this promdr implements. */
    public static final List<String> KNOWN_FEATURES = List.of(FEATURE_ENCRYPTION);

    public RepositoryDescriptor {
        requiredFeatures = requiredFeatures == null ? List.of() : List.copyOf(requiredFeatures);
    }

    /** A plaintext repository's descriptor (version 1). */
    public RepositoryDescriptor(String format, int version, String id, Instant createdAt, String createdBy) {
        this(format, version, id, createdAt, createdBy, List.of(), null);
    }

    @JsonIgnore
    public boolean encrypted() {
        return encryption != null;
    }
}
