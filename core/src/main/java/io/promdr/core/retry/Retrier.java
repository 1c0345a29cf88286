package io.promdr.core.retry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Runs an idempotent action again after a transient failure, following a {@link RetryPolicy}
 * (exponential backoff, full jitter, bounded by elapsed time). A permanent failure, or a transient
 * one after the time is up, is rethrown as it is: the caller's error mapping stays the same with
 * or without retries. Every retry is logged at WARN with the failure (never with credentials:
 * promdr's exceptions do not carry them).
 */
public final class Retrier {
    /** One attempt of the action. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws IOException;
    }

    /** Sleeps; tests substitute one that records the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Predicate<Throwable> isTransient;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final Random random;

    public Retrier(RetryPolicy policy, Predicate<Throwable> isTransient) {
        this(policy, isTransient, d -> Thread.sleep(d.toMillis()), System::nanoTime, null);
    }

    /** For tests: a fake sleeper and clock, a seeded random. */
    public Retrier(RetryPolicy policy, Predicate<Throwable> isTransient, Sleeper sleeper, LongSupplier nanoClock, Random random) {
        this.policy = policy;
        this.isTransient = isTransient;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Runs {@code attempt} until it succeeds, fails permanently, or the policy's time is up. */
    public <T> T call(String what, Attempt<T> attempt) throws IOException {
        long start = nanoClock.getAsLong();
        for (int retry = 1; ; retry++) {
            try {
                return attempt.run();
            } catch (IOException | RuntimeException e) {
                Duration wait = nextWait(e, retry, start);
                if (wait == null) {
                    throw e;
                }
                log.warn("{} failed ({}), retry {} in {} ms", what, oneLine(e), retry, wait.toMillis());
                pause(wait, e);
            }
        }
    }

    /** The wait before the next attempt, or null to give up now. */
    private Duration nextWait(Throwable failure, int retry, long start) {
        if (!policy.retries() || !isTransient.test(failure)) {
            return null;
        }
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
        Duration left = policy.maxElapsed().minus(elapsed);
        if (left.isNegative() || left.isZero()) {
            return null;
        }
        long ceiling = policy.ceiling(retry).toMillis();
        long jittered = (random != null ? random.nextLong(ceiling + 1) : ThreadLocalRandom.current().nextLong(ceiling + 1));
        // Never sleep past the deadline: the last attempt starts at it at the latest.
        return Duration.ofMillis(Math.min(jittered, left.toMillis()));
    }

    private void pause(Duration wait, Exception failure) throws IOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            InterruptedIOException e = new InterruptedIOException("interrupted while waiting to retry");
            e.addSuppressed(failure);
            throw e;
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        return (message == null ? e.getClass().getSimpleName() : message).replaceAll("\\s+", " ");
    }
}
