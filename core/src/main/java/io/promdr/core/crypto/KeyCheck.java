package io.promdr.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The key check value of repository.json: HKDF-SHA256 of the master key, salted with the
 * repository id, info {@code "promdr key check v1"}, 32 bytes as hex. It lets every command
 * refuse a wrong key before it reads or writes a block, and reveals nothing usable about the
 * key (a 256-bit random key cannot be searched for). The repository id in the salt makes the
 * values of two repositories that share a key unrelated.
 */
public final class KeyCheck {
    static final String INFO = "promdr key check v1";

    private KeyCheck() {
    }

    public static String of(EncryptionKey key, String repositoryId) {
        return HexFormat.of().formatHex(Hkdf.derive(key.bytes(), repositoryId.getBytes(StandardCharsets.UTF_8),
                INFO.getBytes(StandardCharsets.US_ASCII), 32));
    }

    /** Constant-time comparison with a recorded value. */
    public static boolean matches(EncryptionKey key, String repositoryId, String recorded) {
        return recorded != null && MessageDigest.isEqual(of(key, repositoryId).getBytes(StandardCharsets.US_ASCII),
                recorded.getBytes(StandardCharsets.US_ASCII));
    }
}
