package io.promdr.cli.config;

import io.promdr.core.retry.RetryPolicy;

import java.time.Duration;

/** Validates the {@code retry:} layer for {@link SettingsResolver}; bad values raise CONFIG_INVALID naming the key. */
final class RetryResolver {
    private static final String HINT = "use a positive number with ms, s, m or h, e.g. 200ms, 10s or 2m";

    private RetryResolver() {
    }

    static RetryPolicy policy(RetryConfig c) {
        if (c == null) {
            return RetryPolicy.DEFAULT;
        }
        Duration initial = duration(c.initial(), "retry.initial", RetryPolicy.DEFAULT.initial());
        Duration max = duration(c.max(), "retry.max", RetryPolicy.DEFAULT.max());
        Duration maxElapsed = c.maxElapsed() != null && c.maxElapsed().trim().equals("0") ? Duration.ZERO
                : duration(c.maxElapsed(), "retry.maxElapsed", RetryPolicy.DEFAULT.maxElapsed());
        if (max.compareTo(initial) < 0) {
            throw SettingsResolver.invalid("retry.max", "is shorter than retry.initial (" + c.initial() + ")",
                    "the waits grow from initial up to max: make max at least initial");
        }
        return new RetryPolicy(initial, max, maxElapsed);
    }

    private static Duration duration(String text, String key, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        return Durations.parse(text).orElseThrow(() -> SettingsResolver.invalid(key, "\"" + text + "\" is not a duration",
                key.equals("retry.maxElapsed") ? HINT + ", or 0 to disable retries" : HINT));
    }
}
