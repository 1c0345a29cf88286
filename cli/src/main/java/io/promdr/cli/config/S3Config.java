package io.promdr.cli.config;

/**
 * {@code repository.s3:} how to reach S3 or an S3-compatible store. Unset values fall back to
 * the AWS SDK defaults (region and credentials from the standard provider chain).
 *
 * @param endpoint        custom endpoint URL for S3-compatible stores (MinIO, Ceph, S3Proxy)
 * @param pathStyle       path-style addressing, needed by most S3-compatible stores
 * @param accessKeyId     static credentials; both or neither, never printed
 * @param secretAccessKey never printed
 * @param partSize        multipart part size: bytes, or a number with KiB, MiB or GiB
 * @param serverSideEncryption {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS) for every object written
 * @param kmsKeyId        the KMS key id or ARN for {@code aws:kms}
 * @param caFile          PEM bundle of CAs trusted for an https endpoint, in addition to the JDK's
 * @param insecureSkipVerify true: no certificate or host name check of the endpoint (warned about at every run)
 */
public record S3Config(String region, String endpoint, Boolean pathStyle, String accessKeyId,
                       String secretAccessKey, String partSize, String serverSideEncryption, String kmsKeyId,
                       String caFile, Boolean insecureSkipVerify) {

    /** A layer without TLS keys. */
    public S3Config(String region, String endpoint, Boolean pathStyle, String accessKeyId, String secretAccessKey,
                    String partSize, String serverSideEncryption, String kmsKeyId) {
        this(region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSize, serverSideEncryption, kmsKeyId, null, null);
    }

    /** A layer without server-side encryption keys. */
    public S3Config(String region, String endpoint, Boolean pathStyle, String accessKeyId, String secretAccessKey,
                    String partSize) {
        this(region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSize, null, null);
    }

    static S3Config merge(S3Config lower, S3Config higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new S3Config(
                Layers.pick(lower.region, higher.region),
                Layers.pick(lower.endpoint, higher.endpoint),
                Layers.pick(lower.pathStyle, higher.pathStyle),
                Layers.pick(lower.accessKeyId, higher.accessKeyId),
                Layers.pick(lower.secretAccessKey, higher.secretAccessKey),
                Layers.pick(lower.partSize, higher.partSize),
                Layers.pick(lower.serverSideEncryption, higher.serverSideEncryption),
                Layers.pick(lower.kmsKeyId, higher.kmsKeyId),
                Layers.pick(lower.caFile, higher.caFile),
                Layers.pick(lower.insecureSkipVerify, higher.insecureSkipVerify));
    }

    @Override
    public String toString() {
        return "S3Config[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + Layers.mask(accessKeyId) + ", secretAccessKey=" + Layers.mask(secretAccessKey)
                + ", partSize=" + partSize + ", serverSideEncryption=" + serverSideEncryption + ", kmsKeyId="
                + Layers.mask(kmsKeyId) + ", caFile=" + caFile + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}
