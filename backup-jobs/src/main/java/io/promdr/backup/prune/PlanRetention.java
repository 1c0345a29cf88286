package io.promdr.backup.prune;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Pins;
import io.promdr.core.repo.Repository;
import io.promdr.core.retention.RetentionEngine;
import io.promdr.core.retention.RetentionItem;
import io.promdr.core.retention.RetentionPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Phase 2: reads every manifest and pin of the sources in scope and applies each source's policy.
 * Unreadable manifests are left out of the plan (never deleted: retention does not decide on what
 * it cannot read).
 */
public final class PlanRetention implements PrunePhase {
    private static final Logger log = LoggerFactory.getLogger(PlanRetention.class);

    @Override
    public void apply(PruneRun run) throws IOException {
        run.plans().clear();
        run.plans().addAll(plan(run.repository(), run.request(), run.clock().instant()));
    }

    /** The plans of every source in scope of {@code request}, sorted by source name. */
    public static List<SourcePlan> plan(Repository repository, PruneRequest request, Instant now) throws IOException {
        Map<String, List<Manifest>> bySource = new TreeMap<>();
        for (Manifest m : repository.listManifests(request.source(),
                problem -> log.warn("left out of retention: {}", problem.userMessage()))) {
            bySource.computeIfAbsent(m.source().name(), s -> new ArrayList<>()).add(m);
        }
        requirePolicies(bySource.keySet(), request);
        Pins pins = new Pins(repository.store());
        List<SourcePlan> plans = new ArrayList<>();
        for (Map.Entry<String, List<Manifest>> entry : bySource.entrySet()) {
            String source = entry.getKey();
            Set<String> pinned = pins.pinnedIds(source);
            List<RetentionItem> items = new ArrayList<>();
            Map<String, String> keys = new HashMap<>();
            for (Manifest m : entry.getValue()) {
                items.add(ManifestItems.of(m, pinned));
                keys.put(m.backupId(), Repository.manifestKeyOf(m));
            }
            RetentionPlan plan = RetentionEngine.plan(items, request.rules().policyOf(source), request.rules().zone(), now);
            plans.add(new SourcePlan(source, plan, keys));
        }
        return plans;
    }

    private static void requirePolicies(Set<String> sources, PruneRequest request) {
        if (request.allowEmptyPolicy()) {
            return;
        }
        Set<String> scope = request.source() != null ? Set.of(request.source())
                : sources.isEmpty() ? Set.of("(default)") : sources;
        List<String> empty = scope.stream().sorted()
                .filter(source -> request.rules().policyOf(source).isEmpty()).toList();
        if (!empty.isEmpty()) {
            throw new PromdrException(ErrorCode.RETENTION_POLICY_EMPTY,
                    "the retention policy of source " + String.join(", ", empty) + " has no rule: it would delete every backup"
                            + " but the newest and the pinned ones",
                    "set retention.keepLast, keepDaily, ... in the configuration (docs/retention.md),"
                            + " or pass --allow-empty-policy if that is really what you want");
        }
    }
}
