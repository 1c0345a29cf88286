package io.promdr.cli.config;

/**
 * {@code repository:} where backups are stored.
 *
 * @param uri {@code s3://bucket[/prefix]}, {@code file:///abs/dir} or a plain directory path
 * @param s3  S3 client settings, used only for {@code s3://} URIs
 * @param encryption where the key of an encrypted repository comes from, or null
 */
public record RepositoryConfig(String uri, S3Config s3, EncryptionConfig encryption) {

    /** A layer without encryption settings. */
    public RepositoryConfig(String uri, S3Config s3) {
        this(uri, s3, null);
    }

    static RepositoryConfig merge(RepositoryConfig lower, RepositoryConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new RepositoryConfig(Layers.pick(lower.uri, higher.uri), S3Config.merge(lower.s3, higher.s3),
                EncryptionConfig.merge(lower.encryption, higher.encryption));
    }
}
