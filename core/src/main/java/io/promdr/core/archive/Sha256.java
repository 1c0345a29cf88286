package io.promdr.core.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 of the bytes fed to it, with their count: the state the hashing streams and
 * the block content hash share. Every Java runtime must provide the algorithm, so its absence is
 * a bug.
 */
final class Sha256 {
    private final MessageDigest digest;
    private long count;
    private String hex;

    Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    void update(byte b) {
        digest.update(b);
        count++;
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        count += length;
    }

    /** Bytes fed so far. */
    long count() {
        return count;
    }

    /** Lower-case hex SHA-256 of the bytes fed; the first call ends the hash (later bytes are counted, not hashed). */
    String hex() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(digest.digest());
        }
        return hex;
    }
}
