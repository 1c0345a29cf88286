package io.promdr.cli.config;

/**
 * {@code retry:} how long promdr rides out transient failures of S3 and Prometheus (HTTP 5xx and
 * 429, S3 SlowDown, connection resets, timeouts): exponential backoff with full jitter.
 *
 * @param initial    first wait's upper bound, e.g. 200ms (default)
 * @param max        longest single wait, e.g. 10s (default)
 * @param maxElapsed give up after this long since the first attempt, e.g. 2m (default); 0 disables retries
 */
public record RetryConfig(String initial, String max, String maxElapsed) {

    static RetryConfig merge(RetryConfig lower, RetryConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new RetryConfig(Layers.pick(lower.initial, higher.initial), Layers.pick(lower.max, higher.max),
                Layers.pick(lower.maxElapsed, higher.maxElapsed));
    }
}
