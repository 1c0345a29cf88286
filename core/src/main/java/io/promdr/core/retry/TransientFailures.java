package io.promdr.core.retry;

import io.promdr.core.error.PromdrException;
import io.promdr.core.store.ObjectNotFoundException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.FileSystemException;
import java.util.Set;

/**
 * Which failures are worth another attempt: the storage or the network said "not now" (HTTP 5xx,
 * 429 and S3's throttling codes, a connection reset, a read timeout), as opposed to "never"
 * (403, 404, a bad request, a checksum mismatch, a refused connection or unknown host, which
 * point at configuration, and any promdr error with its own exit code). Permanent failures fail
 * fast so that the user sees the real message at once.
 */
public final class TransientFailures {
    /** S3 error codes that mean "slow down or try again", whatever the HTTP status says. */
    private static final Set<String> S3_RETRYABLE_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "RequestLimitExceeded",
            "TooManyRequests");

    private TransientFailures() {
    }

    /** For object store calls (S3 through the AWS SDK). */
    public static boolean isTransient(Throwable failure) {
        if (failure instanceof PromdrException || failure instanceof ObjectNotFoundException
                || failure instanceof FileNotFoundException || failure instanceof FileSystemException) {
            return false;
        }
        if (failure instanceof InterruptedIOException && !(failure instanceof java.net.SocketTimeoutException)
                && !isTimeoutName(failure)) {
            return false; // the thread was interrupted: stop, do not retry
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException service) {
                return isRetryableStatus(service.statusCode())
                        || service.awsErrorDetails() != null && S3_RETRYABLE_CODES.contains(service.awsErrorDetails().errorCode());
            }
            if (isConnectFailure(t)) {
                return false;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SdkClientException || t instanceof IOException) {
                return true; // reset, timeout, truncated body: the network, not the request
            }
        }
        return false;
    }

    /** HTTP statuses worth a retry: 408, 429, 500, 502, 503, 504. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** Nothing listened or nobody is there: a configuration problem more often than a passing one. */
    public static boolean isConnectFailure(Throwable t) {
        return t instanceof ConnectException && !(t instanceof HttpTimeoutException)
                || t instanceof UnknownHostException || t instanceof NoRouteToHostException;
    }

    private static boolean isTimeoutName(Throwable t) {
        return t.getClass().getSimpleName().contains("Timeout");
    }
}
