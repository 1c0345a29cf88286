package io.promdr.core.crypto;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionKeyTest {
    @TempDir
    Path dir;

    @Test
    void hexBase64AndRawFormsGiveTheSameKey() throws IOException {
        EncryptionKey hex = EncryptionKey.parseText(" " + TestKeys.HEX + "\n", "hex");
        EncryptionKey base64 = EncryptionKey.parseText(TestKeys.BASE64 + "\n", "base64");
        EncryptionKey unpadded = EncryptionKey.parseText(TestKeys.BASE64.substring(0, 43), "base64 without padding");
        Path raw = dir.resolve("raw.key");
        Files.write(raw, HexFormat.of().parseHex(TestKeys.HEX));

        assertThat(base64).isEqualTo(hex);
        assertThat(unpadded).isEqualTo(hex);
        assertThat(KeySource.file(raw).load()).contains(hex);
        assertThat(hex.toBase64()).isEqualTo(TestKeys.BASE64);
    }

    @Test
    void malformedKeysAreRefusedWithoutShowingThem() throws IOException {
        for (String text : new String[] {"", "abc", TestKeys.HEX.substring(2), TestKeys.HEX + "00", "zz" + TestKeys.HEX.substring(2)}) {
            assertThatThrownBy(() -> EncryptionKey.parseText(text, "environment variable K"))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTION_KEY_INVALID);
                        assertThat(e.getMessage()).contains("environment variable K");
                        if (!text.isEmpty()) {
                            assertThat(e.userMessage()).doesNotContain(text);
                        }
                    });
        }
    }

    @Test
    void thirtyTwoPrintableCharactersAreAPasswordNotARawKey() throws IOException {
        Path password = dir.resolve("password");
        Files.writeString(password, "correct-horse-battery-staple-123", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> KeySource.file(password).load())
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTION_KEY_INVALID));
    }

    @Test
    void sourcesNameThemselvesAndNeverTheKey() {
        KeySource missingFile = KeySource.file(dir.resolve("absent.key"));
        KeySource unsetVariable = KeySource.environment("PROMDR_ENCRYPTION_KEY", Map.of());
        KeySource variable = KeySource.environment("MY_KEY", Map.of("MY_KEY", TestKeys.BASE64));

        assertThatThrownBy(missingFile::load).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTION_KEY_MISSING));
        assertThatThrownBy(unsetVariable::load).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTION_KEY_MISSING));
        assertThat(variable.load()).contains(TestKeys.key());
        assertThat(variable.toString()).isEqualTo("environment variable MY_KEY");
        assertThat(TestKeys.key().toString()).doesNotContain(TestKeys.HEX).doesNotContain(TestKeys.BASE64);
        assertThat(KeySource.NONE.configured()).isFalse();
    }

    @Test
    void keyCheckDependsOnKeyAndRepository() {
        String check = KeyCheck.of(TestKeys.key(), "repo-1");

        assertThat(check).hasSize(64).isNotEqualTo(KeyCheck.of(TestKeys.key(), "repo-2"))
                .isNotEqualTo(KeyCheck.of(TestKeys.wrongKey(), "repo-1")).doesNotContain(TestKeys.HEX);
        assertThat(KeyCheck.matches(TestKeys.key(), "repo-1", check)).isTrue();
        assertThat(KeyCheck.matches(TestKeys.wrongKey(), "repo-1", check)).isFalse();
        assertThat(KeyCheck.matches(TestKeys.key(), "repo-1", null)).isFalse();
    }

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        byte[] ikm = HexFormat.of().parseHex("0b".repeat(22));
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
        byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");

        assertThat(HexFormat.of().formatHex(Hkdf.derive(ikm, salt, info, 42))).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }
}
