package io.promdr.cli.config;

import io.promdr.core.crypto.KeySource;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code repository.encryption} (after merging the layers) to the {@link KeySource} the
 * repository is opened with. Nothing is read here: the key file or variable is read only when an
 * encrypted repository is opened, so a command that needs no repository never fails on it.
 */
final class EncryptionKeyResolver {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EncryptionKeyResolver() {
    }

    static KeySource resolve(RepositoryConfig repository, Map<String, String> env) {
        EncryptionConfig encryption = repository == null ? null : repository.encryption();
        if (encryption == null || encryption.keyFile() == null && encryption.keyEnv() == null) {
            return KeySource.NONE;
        }
        if (encryption.keyFile() != null && encryption.keyEnv() != null) {
            throw SettingsResolver.invalid("repository.encryption", "sets both keyFile and keyEnv",
                    "set one: keyFile for a file holding the key, or keyEnv for the name of a variable holding it");
        }
        if (encryption.keyFile() != null) {
            if (encryption.keyFile().isBlank()) {
                throw SettingsResolver.invalid("repository.encryption.keyFile", "is empty", "give the path of the key file");
            }
            return KeySource.file(SettingsResolver.path(encryption.keyFile(), "repository.encryption.keyFile"));
        }
        if (!VARIABLE.matcher(encryption.keyEnv()).matches()) {
            throw SettingsResolver.invalid("repository.encryption.keyEnv",
                    "is not an environment variable name (its value is not shown: it may be a key)", "give the name of the variable, e.g. PROMDR_ENCRYPTION_KEY, not its value");
        }
        return KeySource.environment(encryption.keyEnv(), env);
    }
}
