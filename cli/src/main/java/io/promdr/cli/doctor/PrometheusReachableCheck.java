package io.promdr.cli.doctor;

import io.promdr.core.error.PromdrException;

import java.util.Optional;

/** {@code prometheus.reachable}: the source's Prometheus answers, and which version it runs (/api/v1/status/buildinfo). */
final class PrometheusReachableCheck implements DoctorCheck {
    static final String NAME = "prometheus.reachable";

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
        if (context.settings().prometheusUrl() == null) {
            return CheckOutcome.failed("no Prometheus URL given", "pass --prometheus or set prometheus.url "
                    + "(sources.<name>.prometheus.url) in the config, or PROMDR_PROMETHEUS_URL");
        }
        try {
            Optional<String> version = context.prometheus().version();
            String at = " at " + context.prometheus().display();
            return version.map(v -> CheckOutcome.ok("Prometheus " + v + at))
                    .orElseGet(() -> CheckOutcome.warning("a server answers" + at + " but not /api/v1/status/buildinfo",
                            "check that the URL is Prometheus' own (2.14 or later), not a proxy or another server"));
        } catch (PromdrException e) {
            return CheckOutcome.failed(e.getMessage(), e.hint());
        }
    }
}
