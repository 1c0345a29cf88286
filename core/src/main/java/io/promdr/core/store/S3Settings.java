package io.promdr.core.store;

import io.promdr.core.tls.TlsOptions;

import java.net.URI;

/**
 * How to reach an S3 (or S3-compatible) endpoint. Null fields fall back to the AWS SDK defaults:
 * region and credentials from the standard provider chain (environment, profile, web identity,
 * container and instance roles).
 *
 * @param endpoint        custom endpoint for S3-compatible stores (MinIO, Ceph, S3Proxy), or null for AWS
 * @param pathStyle       path-style addressing (http://host/bucket/key), needed by most compatibles
 * @param accessKeyId     static credentials from the config; both or neither
 * @param secretAccessKey never logged, never in {@link #toString()}
 * @param partSizeBytes   multipart part size; also the memory bound of one upload
 * @param serverSideEncryption {@code AES256}, {@code aws:kms} or null for the bucket's default ({@link ServerSideEncryption})
 * @param kmsKeyId        the KMS key of {@code aws:kms}, or null for the bucket's default KMS key
 * @param tls             how an https endpoint's certificate is checked ({@code repository.s3.caFile}, insecureSkipVerify)
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
                         long partSizeBytes, String serverSideEncryption, String kmsKeyId, TlsOptions tls) {
    /**
     * 8 MiB, like the AWS CLI: an upload holds (2 + 1) parts, and 24 MiB of them keep a backup's
     * peak RSS under 256 MB (docs/performance.md, "Memory"). Parts grow past 2,000 of them, so this
     * does not limit the object size ({@code S3PendingUpload#partSize}).
     */
    public static final long DEFAULT_PART_SIZE = 8L << 20;
    public static final String TLS_KEY = "repository.s3";

    public S3Settings {
        tls = tls == null ? TlsOptions.defaults(TLS_KEY) : tls;
    }

    /** Settings with the default TLS trust (the JDK's CAs). */
    public S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
                      long partSizeBytes, String serverSideEncryption, String kmsKeyId) {
        this(region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSizeBytes, serverSideEncryption, kmsKeyId, null);
    }

    /** These settings with {@code tls} replaced. */
    public S3Settings withTls(TlsOptions tls) {
        return new S3Settings(region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSizeBytes, serverSideEncryption,
                kmsKeyId, tls);
    }

    /** Settings without server-side encryption options. */
    public S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
                      long partSizeBytes) {
        this(region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSizeBytes, null, null);
    }

    public static S3Settings defaults() {
        return new S3Settings(null, null, false, null, null, DEFAULT_PART_SIZE);
    }

    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + (accessKeyId == null ? null : "***") + ", secretAccessKey="
                + (secretAccessKey == null ? null : "***") + ", partSizeBytes=" + partSizeBytes
                + ", serverSideEncryption=" + serverSideEncryption + ", kmsKeyId=" + (kmsKeyId == null ? null : "***")
                + ", tls=" + tls + "]";
    }
}
