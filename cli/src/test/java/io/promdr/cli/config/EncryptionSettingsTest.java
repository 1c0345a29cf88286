package io.promdr.cli.config;

import io.promdr.core.crypto.KeySource;
import io.promdr.core.crypto.TestKeys;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code repository.encryption} and its overrides: which key source wins, and that nothing is read or shown early. */
class EncryptionSettingsTest {
    @TempDir
    Path dir;

    @Test
    void noSettingMeansNoKey() {
        assertThat(resolve(PromdrConfig.empty(), Map.of()).encryptionKey()).isSameAs(KeySource.NONE);
    }

    @Test
    void theFileNamesAKeyFileOrAVariable() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), TestKeys.HEX);
        Path config = Files.writeString(dir.resolve("promdr.yaml"), "repository:\n  encryption:\n    keyFile: " + key + "\n");
        Path byEnv = Files.writeString(dir.resolve("env.yaml"), "repository:\n  encryption:\n    keyEnv: MY_PROMDR_KEY\n");

        Settings fromFile = SettingsResolver.resolve(config, PromdrConfig.empty(), Map.of());
        Settings fromEnv = SettingsResolver.resolve(byEnv, PromdrConfig.empty(), Map.of("MY_PROMDR_KEY", TestKeys.BASE64));

        assertThat(fromFile.encryptionKey().description()).isEqualTo("key file " + key);
        assertThat(fromFile.encryptionKey().load()).contains(TestKeys.key());
        assertThat(fromEnv.encryptionKey().description()).isEqualTo("environment variable MY_PROMDR_KEY");
        assertThat(fromEnv.encryptionKey().load()).contains(TestKeys.key());
        assertThat(fromEnv.toString()).doesNotContain(TestKeys.BASE64);
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheFile() throws IOException {
        Path config = Files.writeString(dir.resolve("promdr.yaml"), "repository:\n  encryption:\n    keyEnv: FILE_KEY\n");
        PromdrConfig commandLine = new PromdrConfig(new RepositoryConfig(null, null, new EncryptionConfig("/cli.key", null)),
                null, null, null, null, null, null, null);

        assertThat(SettingsResolver.resolve(config, PromdrConfig.empty(), Map.of("PROMDR_ENCRYPTION_KEY", TestKeys.HEX))
                .encryptionKey().description()).isEqualTo("environment variable PROMDR_ENCRYPTION_KEY");
        assertThat(SettingsResolver.resolve(config, PromdrConfig.empty(), Map.of("PROMDR_ENCRYPTION_KEY", TestKeys.HEX,
                "PROMDR_ENCRYPTION_KEY_FILE", "/env.key")).encryptionKey().description()).isEqualTo("key file /env.key");
        assertThat(SettingsResolver.resolve(config, commandLine, Map.of("PROMDR_ENCRYPTION_KEY_FILE", "/env.key"))
                .encryptionKey().description()).isEqualTo("key file /cli.key");
    }

    @Test
    void aMissingKeyFileFailsOnlyWhenTheKeyIsNeeded() {
        PromdrConfig commandLine = new PromdrConfig(new RepositoryConfig(null, null,
                new EncryptionConfig(dir.resolve("absent.key").toString(), null)), null, null, null, null, null, null, null);

        KeySource source = resolve(commandLine, Map.of()).encryptionKey();

        assertThatThrownBy(source::load).isInstanceOfSatisfying(PromdrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTION_KEY_MISSING));
    }

    @Test
    void bothKeyFileAndKeyEnvOrAKeyInPlaceOfAVariableNameAreRefused() throws IOException {
        Path both = Files.writeString(dir.resolve("both.yaml"),
                "repository:\n  encryption:\n    keyFile: /k\n    keyEnv: K\n");
        Path valueAsName = Files.writeString(dir.resolve("value.yaml"),
                "repository:\n  encryption:\n    keyEnv: \"" + TestKeys.BASE64 + "\"\n");

        assertThatThrownBy(() -> SettingsResolver.resolve(both, PromdrConfig.empty(), Map.of()))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("repository.encryption");
                });
        assertThatThrownBy(() -> SettingsResolver.resolve(valueAsName, PromdrConfig.empty(), Map.of()))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.userMessage()).contains("keyEnv").doesNotContain(TestKeys.BASE64);
                });
    }

    private static Settings resolve(PromdrConfig commandLine, Map<String, String> env) {
        return SettingsResolver.resolve(null, commandLine, env);
    }
}
