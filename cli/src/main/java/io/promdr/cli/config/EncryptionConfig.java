package io.promdr.cli.config;

/**
 * {@code repository.encryption:} where the key of an encrypted repository comes from
 * (docs/configuration.md, "Encryption"). At most one of the two per layer; a layer that sets
 * either replaces both, so {@code --encryption-key-file} overrides a {@code keyEnv} of the file.
 *
 * @param keyFile a file holding the 256-bit key (raw, hex or base64)
 * @param keyEnv  the name of an environment variable holding the key (hex or base64)
 */
public record EncryptionConfig(String keyFile, String keyEnv) {

    static EncryptionConfig merge(EncryptionConfig lower, EncryptionConfig higher) {
        if (higher == null || higher.keyFile == null && higher.keyEnv == null) {
            return lower;
        }
        return higher;
    }
}
