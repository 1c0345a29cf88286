package io.promdr.core.crypto;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a repository's encryption key comes from: nowhere, a file, or an environment variable.
 * The key is read only when a command opens an encrypted repository (or creates one), so a
 * command that needs no repository never fails on a bad key setting. {@link #toString()} is the
 * description, which names the place and never the key.
 */
public interface KeySource {

    /** No key configured. */
    KeySource NONE = new KeySource() {
        @Override
        public Optional<EncryptionKey> load() {
            return Optional.empty();
        }

        @Override
        public String description() {
            return "no key";
        }

        @Override
        public String toString() {
            return description();
        }
    };

    /** The key, or empty when none is configured. A key that is configured but unreadable or malformed raises ENCRYPTION_KEY_INVALID or ENCRYPTION_KEY_MISSING. */
    Optional<EncryptionKey> load();

    /** Where the key comes from, for messages: {@code key file /etc/promdr/key}, never the key. */
    String description();

    /** True when a key is configured (it may still fail to load). */
    default boolean configured() {
        return this != NONE;
    }

    /** A key file: raw 32 bytes, 64 hex digits or base64 (see {@link EncryptionKey#parse}). */
    static KeySource file(Path path) {
        return new KeySource() {
            @Override
            public Optional<EncryptionKey> load() {
                String where = description();
                try {
                    if (Files.size(path) > 4096) {
                        throw new PromdrException(ErrorCode.ENCRYPTION_KEY_INVALID, where + " is larger than 4096 bytes, not a key",
                                "give the file that holds the repository's 256-bit key");
                    }
                    return Optional.of(EncryptionKey.parse(Files.readAllBytes(path), where));
                } catch (NoSuchFileException e) {
                    throw new PromdrException(ErrorCode.ENCRYPTION_KEY_MISSING, where + " does not exist",
                            "check --encryption-key-file / repository.encryption.keyFile (or PROMDR_ENCRYPTION_KEY_FILE)");
                } catch (IOException e) {
                    throw new PromdrException(ErrorCode.ENCRYPTION_KEY_INVALID, where + " cannot be read: "
                            + e.getClass().getSimpleName(), "check the path and its permissions");
                }
            }

            @Override
            public String description() {
                return "key file " + path;
            }

            @Override
            public String toString() {
                return description();
            }
        };
    }

    /** An environment variable that holds the key as hex or base64 text; unset or empty counts as missing. */
    static KeySource environment(String variable, Map<String, String> env) {
        return new KeySource() {
            @Override
            public Optional<EncryptionKey> load() {
                String value = env.get(variable);
                if (value == null || value.isBlank()) {
                    throw new PromdrException(ErrorCode.ENCRYPTION_KEY_MISSING,
                            "environment variable " + variable + " holds no encryption key",
                            "set it to the repository's key (hex or base64), or fix repository.encryption.keyEnv");
                }
                return Optional.of(EncryptionKey.parseText(value, description()));
            }

            @Override
            public String description() {
                return "environment variable " + variable;
            }

            @Override
            public String toString() {
                return description();
            }
        };
    }

    /** A key already in memory (tests, {@code promdr init} right after generating one). */
    static KeySource of(EncryptionKey key, String description) {
        return new KeySource() {
            @Override
            public Optional<EncryptionKey> load() {
                return Optional.of(key);
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
