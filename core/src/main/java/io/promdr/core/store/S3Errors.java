package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.tls.TlsFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Turns AWS SDK failures into what promdr users can act on. Known causes (bucket missing,
 * access denied, endpoint unreachable) become {@link PromdrException}s with a hint; anything
 * else becomes an {@link IOException} that keeps the SDK exception as cause. Messages name the
 * repository location and the S3 error code, never credentials.
 */
final class S3Errors {
    private static final Set<String> ACCESS_DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    private S3Errors() {
    }

    /**
     * Throws the {@link PromdrException} for a known cause, or returns the {@link IOException} to
     * throw for any other failure.
     *
     * @param location  the store's {@code s3://bucket/prefix}
     * @param endpoint  the endpoint for "unreachable" messages (host and port only, no credentials)
     * @param operation what was being done, e.g. "get backups/x/manifest.json"
     */
    static IOException translate(SdkException e, String location, String endpoint, String operation) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
                throw bucketNotFound(location, e);
            }
            if (service.statusCode() == 403 || (code != null && ACCESS_DENIED_CODES.contains(code))) {
                throw new PromdrException(ErrorCode.ACCESS_DENIED,
                        "access denied to " + location + " (" + (code == null ? "HTTP 403" : code) + ") on " + operation,
                        "check the S3 credentials (access key, secret key, profile or role) and the bucket policy", e);
            }
            return new IOException("S3 " + operation + " failed in " + location + ": " + describe(service, code), e);
        }
        if (e instanceof SdkClientException && TlsFailures.of(e).isPresent()) {
            TlsFailures.TlsProblem problem = TlsFailures.of(e).get();
            throw new PromdrException(ErrorCode.REPOSITORY_TLS_FAILED,
                    "TLS connection to S3 endpoint " + endpoint + " for " + location + " failed: " + problem.description(),
                    problem.hint(S3Settings.TLS_KEY), e);
        }
        if (e instanceof SdkClientException && isConnectFailure(e)) {
            throw new PromdrException(ErrorCode.REPOSITORY_UNREACHABLE,
                    "cannot reach S3 endpoint " + endpoint + " for " + location + " (" + rootMessage(e) + ")",
                    "check the endpoint URL, the network, DNS and proxy settings", e);
        }
        return new IOException("S3 " + operation + " failed in " + location + ": " + e.getMessage(), e);
    }

    static PromdrException bucketNotFound(String location, Throwable cause) {
        return new PromdrException(ErrorCode.BUCKET_NOT_FOUND, "bucket of " + location + " not found",
                "create the bucket or check the repository URI", cause);
    }

    private static String describe(AwsServiceException e, String code) {
        return "HTTP " + e.statusCode() + (code == null ? "" : " " + code)
                + (e.requestId() == null ? "" : ", request id " + e.requestId());
    }

    /** Whether no connection could be made at all (as opposed to one failing mid-request). */
    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            // Apache HttpClient's ConnectTimeoutException, without a compile-time tie to the HTTP client.
            if (t instanceof InterruptedIOException && t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
