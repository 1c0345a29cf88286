package io.promdr.core.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the golden files do not show: input validation, the duration syntax, policy rendering. */
class RetentionEngineTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void refusesDuplicateIds() {
        List<RetentionItem> items = List.of(RetentionItem.successful("a", NOW), RetentionItem.successful("a", NOW.minusSeconds(60)));

        assertThatThrownBy(() -> RetentionEngine.plan(items, RetentionPolicy.empty().withKeepLast(1), ZoneOffset.UTC, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate backup id");
    }

    @Test
    void anEmptyInputGivesAnEmptyPlan() {
        RetentionPlan plan = RetentionEngine.plan(List.of(), RetentionPolicy.empty().withKeepDaily(7), ZoneOffset.UTC, NOW);

        assertThat(plan.decisions()).isEmpty();
        assertThat(plan.kept()).isEmpty();
        assertThat(plan.removed()).isEmpty();
    }

    @Test
    void policyRejectsNegativeCountsAndTreatsZeroWithinAsOff() {
        assertThatThrownBy(() -> RetentionPolicy.empty().withKeepDaily(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepDaily");
        assertThat(RetentionPolicy.empty().withKeepWithin(Duration.ZERO).isEmpty()).isTrue();
        assertThat(RetentionPolicy.empty().withKeepWithin(Duration.ofHours(1)).isEmpty()).isFalse();
    }

    @Test
    void policyRendersInConfigurationWords() {
        RetentionPolicy policy = RetentionPolicy.empty().withKeepLast(3).withKeepDaily(7).withKeepWeekly(4)
                .withKeepMonthly(6).withKeepYearly(1).withKeepWithin(Duration.ofHours(36));

        assertThat(policy).hasToString("keepLast=3 keepDaily=7 keepWeekly=4 keepMonthly=6 keepYearly=1 keepWithin=1d12h");
        assertThat(RetentionPolicy.empty()).hasToString("(empty)");
    }

    @Test
    void durationsParseAndFormatBothWays() {
        assertThat(RetentionDurations.parse("7d")).contains(Duration.ofDays(7));
        assertThat(RetentionDurations.parse("1d12h")).contains(Duration.ofHours(36));
        assertThat(RetentionDurations.parse(" 90M ")).contains(Duration.ofMinutes(90));
        assertThat(RetentionDurations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(RetentionDurations.parse("0s")).contains(Duration.ZERO);
        assertThat(RetentionDurations.parse("7 days")).isEmpty();
        assertThat(RetentionDurations.parse("1w")).isEmpty();
        assertThat(RetentionDurations.parse("")).isEmpty();
        assertThat(RetentionDurations.parse(null)).isEmpty();

        assertThat(RetentionDurations.format(Duration.ofHours(36))).isEqualTo("1d12h");
        assertThat(RetentionDurations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(RetentionDurations.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(RetentionDurations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
