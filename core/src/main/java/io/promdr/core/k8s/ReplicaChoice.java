package io.promdr.core.k8s;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which replicas of an HA Prometheus to back up: {@code one} (the ready replica holding the
 * longest history) or {@code all} (each ready replica, one backup each). Replicas that are not
 * ready are reported back, not fatal, as long as one is ready.
 */
public enum ReplicaChoice {
    ONE, ALL;

    /** What to back up, and what was left out with the reason. */
    public record Selection(List<PrometheusReplica> chosen, List<PrometheusReplica> skipped) {
    }

    /**
     * "Longest history" is judged by {@link PrometheusReplica#historySince()}: the oldest PVC
     * creation time (else pod start time); ties and unknown times fall back to the pod name, so the
     * choice is stable between runs.
     */
    static final Comparator<PrometheusReplica> LONGEST_HISTORY_FIRST = Comparator
            .comparing(PrometheusReplica::historySince, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(PrometheusReplica::pod);

    public static ReplicaChoice parse(String text, String key) {
        if (text == null || text.isBlank()) {
            return ONE;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, key + ": \"" + text + "\" is not a replica choice",
                    "use one (the ready replica with the longest history) or all (every ready replica)");
        }
    }

    public Selection choose(List<PrometheusReplica> replicas, PrometheusSelector selector) {
        List<PrometheusReplica> ready = replicas.stream().filter(PrometheusReplica::ready)
                .sorted(LONGEST_HISTORY_FIRST).toList();
        if (ready.isEmpty()) {
            String reasons = String.join("; ", replicas.stream().map(r -> r.pod() + " " + r.problem()).toList());
            throw new PromdrException(ErrorCode.PROMETHEUS_PODS_NOT_FOUND,
                    "none of the " + selector.describe() + " is usable: " + reasons,
                    "check the pods with `kubectl describe pod -n " + selector.namespace() + "`");
        }
        List<PrometheusReplica> chosen = this == ONE ? List.of(ready.get(0)) : ready;
        List<PrometheusReplica> skipped = replicas.stream().filter(r -> !chosen.contains(r)).toList();
        return new Selection(chosen, skipped);
    }
}
