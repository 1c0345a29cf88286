package io.promdr.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/** Deterministic test content, generated chunk by chunk so that large objects never sit in memory. */
final class TestBytes {
    static final int CHUNK_SIZE = 8 * 1024;

    private TestBytes() {
    }

    /** Fills {@code chunk} with the content of chunk number {@code index}. */
    static void fillChunk(byte[] chunk, long index) {
        new Random(index).nextBytes(chunk);
    }

    /** The {@code length} bytes of the content at {@code offset}. */
    static byte[] slice(long offset, int length) {
        byte[] result = new byte[length];
        byte[] chunk = new byte[CHUNK_SIZE];
        for (int i = 0; i < length; i++) {
            long position = offset + i;
            if (i == 0 || position % CHUNK_SIZE == 0) {
                fillChunk(chunk, position / CHUNK_SIZE);
            }
            result[i] = chunk[(int) (position % CHUNK_SIZE)];
        }
        return result;
    }

    static byte[] sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
