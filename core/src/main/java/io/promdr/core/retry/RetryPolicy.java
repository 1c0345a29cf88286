package io.promdr.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How long promdr keeps retrying a transient failure: exponential backoff with full jitter, from
 * {@code initial} doubling up to {@code max} per wait, until {@code maxElapsed} has passed since
 * the first attempt. Bounded by time rather than by a count, so that a store that is throttling
 * for a minute is ridden out, and a dead one is given up on at a predictable moment.
 *
 * @param initial    the first wait's upper bound (default 200 ms)
 * @param max        no single wait is longer (default 10 s)
 * @param maxElapsed no new attempt starts after this much time since the first (default 2 min);
 *                   zero disables retries
 */
public record RetryPolicy(Duration initial, Duration max, Duration maxElapsed) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));
    /** One attempt, no retry: for tests of first failures, and for callers that retry at a higher level. */
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("retry needs 0 < initial <= max and maxElapsed >= 0, got " + initial + ", "
                    + max + ", " + maxElapsed);
        }
    }

    public boolean retries() {
        return !maxElapsed.isZero();
    }

    /**
     * The upper bound of the wait before retry number {@code retry} (1 for the first retry):
     * {@code min(max, initial * 2^(retry-1))}. The actual wait is uniform in [0, bound] (full jitter).
     */
    public Duration ceiling(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
