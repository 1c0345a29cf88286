package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.tls.TlsContexts;
import io.promdr.core.tls.TlsOptions;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the AWS SDK client that {@link S3Settings} describe. */
public final class S3ClientFactory {
    /** Region for a custom endpoint when none is configured: S3-compatible stores accept any region. */
    static final Region CUSTOM_ENDPOINT_REGION = Region.US_EAST_1;

    private S3ClientFactory() {
    }

    /** A client with the SDK's standard retries. */
    public static S3Client create(S3Settings settings) {
        return create(settings, 0);
    }

    /**
     * @param maxAttempts total attempts per request (1 = no retry), or 0 or less for the SDK default
     */
    public static S3Client create(S3Settings settings, int maxAttempts) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(httpClient(settings.tls()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle());
        ServerSideEncryption sse = serverSideEncryption(settings);
        builder.overrideConfiguration(o -> {
            if (maxAttempts > 0) {
                o.retryStrategy(r -> r.maxAttempts(maxAttempts));
            }
            if (sse != null) {
                o.addExecutionInterceptor(sse);
            }
        });
        Region region = region(settings);
        if (region != null) {
            builder.region(region);
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint())
                    // Many S3-compatible stores reject the SDK's newer default checksum trailers;
                    // promdr checks every object's SHA-256 from the manifest anyway.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            // Typically no region anywhere in the SDK's provider chain.
            throw new PromdrException(ErrorCode.CONFIG_INVALID, "cannot configure the S3 client: " + e.getMessage(),
                    "set the S3 region in the configuration or AWS_REGION", e);
        }
    }

    /**
     * The Apache HTTP client, with the trust of {@code repository.s3.caFile} (JDK CAs plus the file's)
     * and, with insecureSkipVerify, no certificate or host name check.
     */
    static ApacheHttpClient.Builder httpClient(TlsOptions tls) {
        ApacheHttpClient.Builder builder = ApacheHttpClient.builder();
        if (!tls.isDefault()) {
            builder.socketFactory(new SSLConnectionSocketFactory(TlsContexts.sslContext(tls),
                    tls.insecureSkipVerify() ? NoopHostnameVerifier.INSTANCE : SSLConnectionSocketFactory.getDefaultHostnameVerifier()));
        }
        return builder;
    }

    /**
     * The configured region; for a custom endpoint without one, the environment's or profile's,
     * else us-east-1; for AWS itself, null so that the SDK's full chain (including instance
     * metadata) decides.
     */
    static Region region(S3Settings settings) {
        if (settings.region() != null && !settings.region().isBlank()) {
            return Region.of(settings.region().trim());
        }
        if (settings.endpoint() == null) {
            return null;
        }
        try {
            // Not the default chain: it would query instance metadata, pointless for a custom endpoint.
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion();
        } catch (SdkClientException e) {
            return CUSTOM_ENDPOINT_REGION;
        }
    }

    private static ServerSideEncryption serverSideEncryption(S3Settings settings) {
        try {
            return ServerSideEncryption.of(settings.serverSideEncryption(), settings.kmsKeyId()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, "S3 server-side encryption: " + e.getMessage(),
                    "use AES256 (SSE-S3) or aws:kms (SSE-KMS, optionally with a KMS key id)");
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        boolean hasKey = settings.accessKeyId() != null && !settings.accessKeyId().isBlank();
        boolean hasSecret = settings.secretAccessKey() != null && !settings.secretAccessKey().isBlank();
        if (hasKey && hasSecret) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        if (hasKey || hasSecret) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID,
                    "S3 credentials are incomplete: only the " + (hasKey ? "access key id" : "secret access key")
                            + " is set",
                    "set both the access key id and the secret access key, or neither to use the AWS default chain");
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
