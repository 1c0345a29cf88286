package io.promdr.core.store;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.util.Locale;
import java.util.Optional;

/**
 * S3 server-side encryption of every object promdr writes: {@code AES256} (SSE-S3, keys managed
 * by S3) or {@code aws:kms} (SSE-KMS, with a key id or the bucket's default KMS key). Applied
 * by an SDK interceptor to the two requests that create objects, PutObject and
 * CreateMultipartUpload, so that the store's upload code stays unaware of it. Reads need nothing:
 * S3 decrypts SSE-S3 and SSE-KMS objects transparently for a caller allowed to use the key.
 */
public final class ServerSideEncryption implements ExecutionInterceptor {
    public static final String AES256 = "AES256";
    public static final String KMS = "aws:kms";

    private final String algorithm;
    private final String kmsKeyId;

    private ServerSideEncryption(String algorithm, String kmsKeyId) {
        this.algorithm = algorithm;
        this.kmsKeyId = kmsKeyId;
    }

    /**
     * The interceptor for {@code algorithm} ({@code AES256} or {@code aws:kms}, any case), or empty
     * when it is null; IllegalArgumentException for anything else or a key id without KMS.
     */
    public static Optional<ServerSideEncryption> of(String algorithm, String kmsKeyId) {
        if (algorithm == null || algorithm.isBlank()) {
            if (kmsKeyId != null && !kmsKeyId.isBlank()) {
                throw new IllegalArgumentException("a KMS key id needs serverSideEncryption: aws:kms");
            }
            return Optional.empty();
        }
        String normalised = algorithm.trim().toLowerCase(Locale.ROOT);
        if (normalised.equals("aes256")) {
            if (kmsKeyId != null && !kmsKeyId.isBlank()) {
                throw new IllegalArgumentException("a KMS key id needs serverSideEncryption: aws:kms, not AES256");
            }
            return Optional.of(new ServerSideEncryption(AES256, null));
        }
        if (normalised.equals(KMS)) {
            return Optional.of(new ServerSideEncryption(KMS, kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.trim()));
        }
        throw new IllegalArgumentException("unknown server-side encryption \"" + algorithm + "\"");
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutObjectRequest put) {
            return put.toBuilder().serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId).build();
        }
        if (request instanceof CreateMultipartUploadRequest create) {
            return create.toBuilder().serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId).build();
        }
        return request;
    }

    @Override
    public String toString() {
        // The key id is not a secret, but an ARN names an account: keep it out of routine output.
        return "ServerSideEncryption[" + algorithm + (kmsKeyId == null ? "" : ", kmsKeyId=***") + "]";
    }
}
