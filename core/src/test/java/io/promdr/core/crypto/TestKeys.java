package io.promdr.core.crypto;

/**
 * The fixed keys tests encrypt with. Their hex and base64 forms are listed in
 * scripts/check-secrets.sh: a test run that prints one fails.
 */
public final class TestKeys {
    /** The repository key of the tests, as 64 hex digits. */
    public static final String HEX = "5eed0f7e57c0ffee".repeat(4);
    /** The same key in base64. */
    public static final String BASE64 = "Xu0PflfA/+5e7Q9+V8D/7l7tD35XwP/uXu0PflfA/+4=";
    /** Another key, for the wrong-key tests. */
    public static final String WRONG_HEX = "0badc0de0badf00d".repeat(4);

    private TestKeys() {
    }

    public static EncryptionKey key() {
        return EncryptionKey.parseText(HEX, "test key");
    }

    public static EncryptionKey wrongKey() {
        return EncryptionKey.parseText(WRONG_HEX, "wrong test key");
    }
}
