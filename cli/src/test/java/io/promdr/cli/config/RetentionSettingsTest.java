package io.promdr.cli.config;

import io.promdr.backup.prune.RetentionRules;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.retention.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retention: keys of promdr.yaml, and sources.*.retention. */
class RetentionSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryRetentionKeyAndPerSourcePolicies() throws IOException {
        Settings s = resolve("""
                retention:
                  keepLast: 3
                  keepHourly: 24
                  keepDaily: 7
                  keepWeekly: 4
                  keepMonthly: 6
                  keepYearly: 1
                  keepWithin: 1d12h
                  timeZone: Europe/Paris
                  gracePeriod: 30m
                  afterBackup: true
                sources:
                  prod:
                    prometheus: { url: http://prod:9090 }
                    retention:
                      keepDaily: 30
                  dev:
                    prometheus: { url: http://dev:9090 }
                """);

        RetentionRules rules = s.retention().rules();
        assertThat(rules.defaultPolicy()).isEqualTo(new RetentionPolicy(3, 24, 7, 4, 6, 1, Duration.ofHours(36)));
        assertThat(rules.policyOf("prod")).isEqualTo(RetentionPolicy.empty().withKeepDaily(30));
        assertThat(rules.policyOf("dev")).isEqualTo(rules.defaultPolicy());
        assertThat(rules.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(rules.gracePeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.retention().afterBackup()).isTrue();
    }

    @Test
    void defaultsWithoutTheSection() throws IOException {
        Settings s = resolve("repository:\n  uri: /srv/repo\n");

        assertThat(s.retention().rules().defaultPolicy().isEmpty()).isTrue();
        assertThat(s.retention().rules().zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.retention().rules().gracePeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(s.retention().afterBackup()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertInvalid("retention:\n  keepDaily: -1\n", "retention.keepDaily");
        assertInvalid("retention:\n  keepWithin: 7 days\n", "retention.keepWithin");
        assertInvalid("retention:\n  gracePeriod: soon\n", "retention.gracePeriod");
        assertInvalid("retention:\n  timeZone: Mars/Olympus\n", "retention.timeZone");
        assertInvalid("retention:\n  keepDayly: 7\n", "retention.keepDayly");
        assertInvalid("sources:\n  prod:\n    retention:\n      timeZone: UTC\n", "sources.prod.retention");
    }

    private void assertInvalid(String yaml, String key) {
        assertThatThrownBy(() -> resolve(yaml)).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains(key);
        });
    }

    private Settings resolve(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "promdr-", ".yaml");
        Files.writeString(file, yaml);
        return SettingsResolver.resolve(file, PromdrConfig.empty(), Map.of());
    }
}
