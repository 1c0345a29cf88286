package io.promdr.core.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property an interrupted prune relies on (docs/repository-format.md, "Deletion"): applying a
 * plan again to what is left after some of its removals keeps exactly the same backups, so the
 * next prune finishes the interrupted one instead of deciding differently.
 */
class RetentionPlanStabilityTest {

    @Test
    void removingSomeRemovedBackupsChangesNoDecision() {
        long seed = Long.getLong("promdr.retention.seed", System.nanoTime());
        Random random = new Random(seed);
        ZoneId[] zones = {ZoneId.of("UTC"), ZoneId.of("Europe/Paris"), ZoneId.of("Pacific/Auckland")};
        for (int round = 0; round < 500; round++) {
            Instant now = Instant.parse("2026-11-30T12:00:00Z");
            List<RetentionItem> items = new ArrayList<>();
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                BackupStatus status = random.nextInt(10) == 0 ? BackupStatus.FAILED : BackupStatus.SUCCESSFUL;
                Instant time = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 400)));
                items.add(new RetentionItem("b" + i, time, status, random.nextInt(20) == 0, Map.of()));
            }
            RetentionPolicy policy = new RetentionPolicy(random.nextInt(4), random.nextInt(4), random.nextInt(8),
                    random.nextInt(5), random.nextInt(7), random.nextInt(3),
                    random.nextBoolean() ? null : Duration.ofHours(random.nextInt(100)));
            ZoneId zone = zones[random.nextInt(zones.length)];

            RetentionPlan plan = RetentionEngine.plan(items, policy, zone, now);
            Set<String> removed = plan.removed().stream().map(RetentionDecision::id).collect(Collectors.toSet());
            List<RetentionItem> left = items.stream()
                    .filter(item -> !removed.contains(item.id()) || random.nextBoolean()).toList();
            RetentionPlan again = RetentionEngine.plan(left, policy, zone, now);

            assertThat(again.kept()).as("seed %d round %d policy %s", seed, round, policy)
                    .containsExactlyElementsOf(plan.kept());
        }
    }
}
