package io.promdr.core.repo;

import io.promdr.core.crypto.EncryptingObjectStore;
import io.promdr.core.crypto.EncryptionKey;
import io.promdr.core.crypto.KeyCheck;
import io.promdr.core.crypto.KeySource;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.RepositoryDescriptor;
import io.promdr.core.model.RepositoryEncryption;
import io.promdr.core.store.ObjectStore;

import java.util.List;
import java.util.Optional;

/**
 * Decides, from repository.json alone and before any block is read or written, whether the
 * configured key fits the repository: an encrypted repository needs its key (the key check
 * value proves it is the right one), a plaintext one must not be given a key (the user would
 * believe their backups are encrypted). Returns the store the repository reads and writes
 * through: the raw one, or an {@link EncryptingObjectStore} over it for block archives.
 */
final class RepositoryUnlock {
    private static final String KEY_OPTIONS =
            "pass --encryption-key-file FILE, or set PROMDR_ENCRYPTION_KEY, or repository.encryption.keyFile / keyEnv in the config";

    private RepositoryUnlock() {
    }

    /** The descriptor of a new repository: encrypted with {@code key} when one is given. */
    static RepositoryDescriptor describe(String id, java.time.Instant createdAt, String createdBy, Optional<EncryptionKey> key) {
        if (key.isEmpty()) {
            return new RepositoryDescriptor(RepositoryDescriptor.FORMAT, RepositoryDescriptor.PLAIN_VERSION, id, createdAt,
                    createdBy);
        }
        RepositoryEncryption encryption = new RepositoryEncryption(RepositoryEncryption.ALGORITHM,
                RepositoryEncryption.DEFAULT_SEGMENT_SIZE, KeyCheck.of(key.get(), id));
        return new RepositoryDescriptor(RepositoryDescriptor.FORMAT, RepositoryDescriptor.FEATURES_VERSION, id, createdAt,
                createdBy, List.of(RepositoryDescriptor.FEATURE_ENCRYPTION), encryption);
    }

    /** Refuses required features this promdr does not implement (REPOSITORY_FORMAT_UNSUPPORTED). */
    static void requireKnownFeatures(RepositoryDescriptor descriptor, String location) {
        for (String feature : descriptor.requiredFeatures()) {
            if (!RepositoryDescriptor.KNOWN_FEATURES.contains(feature)) {
                throw new PromdrException(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED,
                        "repository " + location + " requires the feature \"" + feature + "\", which this promdr does not implement",
                        "upgrade promdr");
            }
        }
        if (descriptor.requiredFeatures().contains(RepositoryDescriptor.FEATURE_ENCRYPTION) && !descriptor.encrypted()) {
            throw new PromdrException(ErrorCode.MANIFEST_UNREADABLE,
                    "repository.json in " + location + " requires encryption but has no \"encryption\" section",
                    "the repository marker was damaged; compare it with docs/repository-format.md");
        }
    }

    static ObjectStore unlock(ObjectStore store, RepositoryDescriptor descriptor, KeySource keys) {
        String location = store.location();
        if (!descriptor.encrypted()) {
            if (keys.configured()) {
                throw new PromdrException(ErrorCode.ENCRYPTION_NOT_ENABLED,
                        "repository " + location + " is not encrypted, but an encryption key is configured (" + keys.description() + ")",
                        "remove the key setting to use this repository, or `promdr init` a new repository with the key to encrypt");
            }
            return store;
        }
        RepositoryEncryption encryption = descriptor.encryption();
        if (!RepositoryEncryption.ALGORITHM.equals(encryption.algorithm())
                || encryption.segmentSize() < RepositoryEncryption.MIN_SEGMENT_SIZE
                || encryption.segmentSize() > RepositoryEncryption.MAX_SEGMENT_SIZE) {
            throw new PromdrException(ErrorCode.REPOSITORY_FORMAT_UNSUPPORTED,
                    "repository " + location + " is encrypted with " + encryption.algorithm() + " in segments of "
                            + encryption.segmentSize() + " bytes, which this promdr does not implement",
                    "upgrade promdr, or check repository.json against docs/repository-format.md");
        }
        if (!keys.configured()) {
            throw new PromdrException(ErrorCode.ENCRYPTION_KEY_MISSING,
                    "repository " + location + " is encrypted and no encryption key is configured", KEY_OPTIONS);
        }
        EncryptionKey key = keys.load().orElseThrow(() -> new PromdrException(ErrorCode.ENCRYPTION_KEY_MISSING,
                "repository " + location + " is encrypted and " + keys.description() + " holds no key", KEY_OPTIONS));
        if (!KeyCheck.matches(key, descriptor.id(), encryption.keyCheck())) {
            throw new PromdrException(ErrorCode.ENCRYPTION_KEY_WRONG,
                    "the key from " + keys.description() + " is not the encryption key of repository " + location
                            + " (its key check differs)",
                    "use the key the repository was initialised with; without it, its backups cannot be read");
        }
        return new EncryptingObjectStore(store, key, encryption.segmentSize(), RepositoryLayout::isBlockObjectKey);
    }
}
