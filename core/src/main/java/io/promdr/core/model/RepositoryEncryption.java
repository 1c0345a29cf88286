package io.promdr.core.model;

/**
 * {@code repository.json}'s {@code encryption}: how block archives are encrypted
 * (docs/repository-format.md, "Encryption"). It holds no secret: {@code keyCheck} is derived
 * from the key with HKDF and tells a wrong key from the right one, nothing more.
 *
 * @param algorithm   {@link #ALGORITHM}, the only one this promdr implements
 * @param segmentSize plaintext bytes per encrypted segment
 * @param keyCheck    64 hex digits: HKDF-SHA256(key, salt = repository id, info = "promdr key check v1")
 */
public record RepositoryEncryption(String algorithm, int segmentSize, String keyCheck) {
    public static final String ALGORITHM = "aes-256-gcm-hkdf-sha256-stream";
    public static final int DEFAULT_SEGMENT_SIZE = 64 * 1024;
    /** Readers refuse other sizes: bounds the memory a stream holds whatever repository.json says. */
    public static final int MIN_SEGMENT_SIZE = 1024;
    public static final int MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
}
