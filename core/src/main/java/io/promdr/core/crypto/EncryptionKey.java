package io.promdr.core.crypto;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A repository's 256-bit master key. It is never printed: {@link #toString()} hides it, and
 * parse errors name where the key came from, never its text.
 *
 * <p>Accepted forms (docs/repository-format.md, "Encryption"): exactly 32 raw bytes, or text
 * (surrounding white space ignored) that is 64 hex digits or the standard base64 of 32 bytes.
 */
public final class EncryptionKey {
    public static final int LENGTH = 32;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}=?");
    private static final String FORMS = "a key is 32 random bytes, given as 64 hex digits (openssl rand -hex 32), "
            + "base64 (openssl rand -base64 32 or promdr key generate) or, in a file, the raw 32 bytes";

    private final byte[] bytes;

    private EncryptionKey(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** A new random key. */
    public static EncryptionKey generate() {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        return new EncryptionKey(bytes);
    }

    /**
     * Reads a key from the content of a file: raw bytes or text. {@code where} names it in errors.
     * 32 printable characters are refused as raw bytes: that is a password, which has far less
     * than 256 bits of entropy, not a key.
     */
    public static EncryptionKey parse(byte[] content, String where) {
        if (content.length == LENGTH && !allPrintable(content)) {
            return new EncryptionKey(content);
        }
        return parseText(new String(content, StandardCharsets.US_ASCII), where);
    }

    /** Reads a key given as text (an environment variable): 64 hex digits or base64 of 32 bytes. */
    public static EncryptionKey parseText(String content, String where) {
        String text = content.strip();
        if (HEX.matcher(text).matches()) {
            return new EncryptionKey(HexFormat.of().parseHex(text));
        }
        if (BASE64.matcher(text).matches()) {
            byte[] decoded = Base64.getDecoder().decode(text.endsWith("=") ? text : text + "=");
            if (decoded.length == LENGTH) {
                return new EncryptionKey(decoded);
            }
        }
        throw new PromdrException(ErrorCode.ENCRYPTION_KEY_INVALID,
                "the encryption key in " + where + " is not a 256-bit key (" + text.length() + " characters that are neither "
                        + "64 hex digits nor base64 of 32 bytes)", FORMS);
    }

    private static boolean allPrintable(byte[] content) {
        for (byte b : content) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The key as base64 text, the form {@code promdr key generate} prints. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A copy of the key bytes, for the key derivation. */
    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey key && java.security.MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Hkdf.derive(bytes, new byte[0], "promdr hash code".getBytes(StandardCharsets.US_ASCII), 4));
    }

    @Override
    public String toString() {
        return "EncryptionKey[hidden]";
    }
}
