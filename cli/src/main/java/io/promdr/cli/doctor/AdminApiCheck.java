package io.promdr.cli.doctor;

import io.promdr.core.error.PromdrException;

import java.util.Optional;

/**
 * {@code prometheus.admin-api}: the snapshot API is enabled, asked without taking a snapshot
 * (see {@link io.promdr.core.prometheus.PrometheusAdminClient#adminApiEnabled()}).
 */
final class AdminApiCheck implements DoctorCheck {
    static final String NAME = "prometheus.admin-api";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        // A Kubernetes source's Prometheus and data directory are in a pod: said so, never a false failure.
        Optional<CheckOutcome> kubernetes = KubernetesSource.notApplicable(context, "prometheus");
        if (kubernetes.isPresent()) {
            return kubernetes.get();
        }
        if (!context.passed(PrometheusReachableCheck.NAME)) {
            return CheckOutcome.skipped("Prometheus is not reachable");
        }
        try {
            Optional<Boolean> enabled = context.prometheus().adminApiEnabled();
            if (enabled.isEmpty()) {
                return CheckOutcome.warning("cannot tell whether the admin API is enabled: the probe got an unexpected answer",
                        "check that nothing between promdr and Prometheus blocks POST /api/v1/admin/tsdb/*");
            }
            return enabled.get() ? CheckOutcome.ok("admin API enabled (snapshots possible)")
                    : CheckOutcome.failed("Prometheus at " + context.prometheus().display() + " has its admin API disabled",
                    "start Prometheus with --web.enable-admin-api");
        } catch (PromdrException e) {
            return CheckOutcome.failed(e.getMessage(), e.hint());
        }
    }
}
