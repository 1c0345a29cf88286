package io.promdr.core.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** A bounded poll: the tests' only way to wait for a condition (never a fixed sleep). */
public final class Poll {
    private Poll() {
    }

    /**
     * Calls {@code attempt} every {@code interval} until it returns non-null, and returns that.
     *
     * @throws IllegalStateException with {@code onTimeout}'s text once {@code timeout} has passed
     */
    public static <T> T until(Duration timeout, Duration interval, Supplier<T> attempt, Supplier<String> onTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(onTimeout.get());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
    }
}
