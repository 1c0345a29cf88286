package io.promdr.core.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The cipher of one object: AES-256-GCM with a key derived for this object alone (HKDF-SHA256 of
 * the master key, salted with the header's random salt, the object key in the info), and the
 * nonce {@code prefix (7) | segment index (4, big-endian) | last flag (1)}, so that a segment
 * cannot be moved, dropped, duplicated or taken from another object without failing its tag
 * (the STREAM construction, as in Tink's streaming AEAD and age).
 */
final class ObjectCipher {
    static final String INFO_PREFIX = "promdr block v1";
    private static final int TAG_BITS = StreamFormat.TAG_SIZE * 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String objectKey;
    private final byte[] header;
    private final byte[] noncePrefix;
    private final SecretKeySpec key;
    private final Cipher cipher;

    private ObjectCipher(EncryptionKey master, String objectKey, byte[] header) {
        this.objectKey = objectKey;
        this.header = header;
        byte[] salt = Arrays.copyOfRange(header, StreamFormat.MAGIC.length + 1, StreamFormat.MAGIC.length + 1 + StreamFormat.SALT_SIZE);
        this.noncePrefix = Arrays.copyOfRange(header, StreamFormat.HEADER_SIZE - StreamFormat.NONCE_PREFIX_SIZE,
                StreamFormat.HEADER_SIZE);
        this.key = new SecretKeySpec(Hkdf.derive(master.bytes(), salt, info(objectKey), 32), "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    /** A cipher with a fresh random salt and nonce prefix, for writing {@code objectKey}. */
    static ObjectCipher forWriting(EncryptionKey master, String objectKey) {
        byte[] header = new byte[StreamFormat.HEADER_SIZE];
        System.arraycopy(StreamFormat.MAGIC, 0, header, 0, StreamFormat.MAGIC.length);
        header[StreamFormat.MAGIC.length] = StreamFormat.VERSION;
        byte[] random = new byte[StreamFormat.SALT_SIZE + StreamFormat.NONCE_PREFIX_SIZE];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, header, StreamFormat.MAGIC.length + 1, random.length);
        return new ObjectCipher(master, objectKey, header);
    }

    /** The cipher of a stored object, from its header; a header promdr did not write raises {@link ObjectTamperedException}. */
    static ObjectCipher forReading(EncryptionKey master, String objectKey, byte[] header) {
        if (header.length != StreamFormat.HEADER_SIZE) {
            throw new ObjectTamperedException(objectKey, "the object is " + header.length + " bytes, shorter than its header");
        }
        if (!Arrays.equals(header, 0, StreamFormat.MAGIC.length, StreamFormat.MAGIC, 0, StreamFormat.MAGIC.length)) {
            throw new ObjectTamperedException(objectKey, "it does not start with the encrypted object header");
        }
        if (header[StreamFormat.MAGIC.length] != StreamFormat.VERSION) {
            throw new ObjectTamperedException(objectKey, "unknown encrypted object version " + header[StreamFormat.MAGIC.length]);
        }
        return new ObjectCipher(master, objectKey, header);
    }

    static byte[] info(String objectKey) {
        byte[] prefix = INFO_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] name = objectKey.getBytes(StandardCharsets.UTF_8);
        byte[] info = new byte[prefix.length + 1 + name.length];
        System.arraycopy(prefix, 0, info, 0, prefix.length);
        System.arraycopy(name, 0, info, prefix.length + 1, name.length);
        return info;
    }

    byte[] header() {
        return header.clone();
    }

    String objectKey() {
        return objectKey;
    }

    /** Encrypts {@code length} bytes of {@code in} into {@code out} (length + 16 bytes); returns the bytes written. */
    int encrypt(long index, boolean last, byte[] in, int length, byte[] out) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonce(index, last));
            return cipher.doFinal(in, 0, length, out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM encryption failed", e);
        }
    }

    /** Decrypts one stored segment ({@code length} bytes with its tag) into {@code out}; returns the plaintext length. */
    int decrypt(long index, boolean last, byte[] in, int length, byte[] out) {
        if (length < StreamFormat.TAG_SIZE) {
            throw new ObjectTamperedException(objectKey, "segment " + index + " is cut short (" + length + " bytes)");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonce(index, last));
            return cipher.doFinal(in, 0, length, out, 0);
        } catch (AEADBadTagException e) {
            throw new ObjectTamperedException(objectKey, "segment " + index + (last ? " (the last one)" : "")
                    + " does not authenticate");
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM decryption failed", e);
        }
    }

    private GCMParameterSpec nonce(long index, boolean last) {
        if (index < 0 || index >= StreamFormat.MAX_SEGMENTS) {
            throw new IllegalArgumentException("segment index out of range: " + index);
        }
        byte[] nonce = new byte[12];
        System.arraycopy(noncePrefix, 0, nonce, 0, StreamFormat.NONCE_PREFIX_SIZE);
        nonce[7] = (byte) (index >>> 24);
        nonce[8] = (byte) (index >>> 16);
        nonce[9] = (byte) (index >>> 8);
        nonce[10] = (byte) index;
        nonce[11] = (byte) (last ? 1 : 0);
        return new GCMParameterSpec(TAG_BITS, nonce);
    }
}
