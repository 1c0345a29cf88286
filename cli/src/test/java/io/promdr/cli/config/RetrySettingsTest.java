package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry: keys of promdr.yaml, and what bad ones say. */
class RetrySettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryRetryKey() throws IOException {
        Settings s = resolve("""
                retry:
                  initial: 100ms
                  max: 5s
                  maxElapsed: 10m
                """);

        assertThat(s.retry()).isEqualTo(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(10)));
    }

    @Test
    void defaultsToTwoMinutesOfBackoffFrom200msUpTo10s() throws IOException {
        assertThat(resolve("source: prod\n").retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2)));
    }

    @Test
    void zeroMaxElapsedDisablesRetries() throws IOException {
        assertThat(resolve("retry:\n  maxElapsed: 0\n").retry().retries()).isFalse();
    }

    @Test
    void badValuesNameTheKey() {
        assertInvalid("retry:\n  maxElapsed: forever\n", "retry.maxElapsed: \"forever\" is not a duration");
        assertInvalid("retry:\n  initial: -1s\n", "retry.initial: \"-1s\" is not a duration");
        assertInvalid("retry:\n  initial: 20s\n  max: 1s\n", "retry.max: is shorter than retry.initial (20s)");
        assertInvalid("retry:\n  maxElpased: 1m\n", "unknown key retry.maxElpased");
        assertInvalid("retry: 3\n", "bad value for retry");
    }

    private void assertInvalid(String yaml, String message) {
        assertThatThrownBy(() -> resolve(yaml))
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining(message);
    }

    private Settings resolve(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("promdr.yaml"), yaml);
        return SettingsResolver.resolve(file, PromdrConfig.empty(), Map.of());
    }
}
