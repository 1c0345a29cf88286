package io.promdr.cli.doctor;

import io.promdr.cli.config.Settings;
import io.promdr.core.k8s.PrometheusReplica;
import io.promdr.core.prometheus.PrometheusAdminClient;
import io.promdr.core.retry.RetryPolicy;
import io.promdr.core.store.ObjectStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the checks of one {@code promdr doctor} run share: the settings (of one source, for the
 * Prometheus checks), the clock, the outcomes so far, and what is costly to open twice (the
 * object store, the Prometheus client). Closing it closes the store.
 */
public final class DoctorContext implements AutoCloseable {
    /** Every HTTP call of doctor gives up after this: doctor answers in seconds, even when a server hangs. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final String source;
    private final Clock clock;
    private final Shared shared;
    private PrometheusAdminClient prometheus;
    private List<PrometheusReplica> kubernetesReplicas = List.of();

    private DoctorContext(Settings settings, String source, Clock clock, Shared shared) {
        this.settings = settings;
        this.source = source;
        this.clock = clock;
        this.shared = shared;
    }

    /** The context of the checks that are not about one source (repository, Pushgateway). */
    public static DoctorContext global(Settings settings, Clock clock) {
        return new DoctorContext(Objects.requireNonNull(settings, "settings"), null, clock, new Shared());
    }

    /** The context of one source's checks, sharing outcomes and the store with this one. */
    public DoctorContext forSource(String sourceName, Settings sourceSettings) {
        return new DoctorContext(sourceSettings, sourceName, clock, shared);
    }

    public Settings settings() {
        return settings;
    }

    /** The source being checked, or null outside the Prometheus checks. */
    public String source() {
        return source;
    }

    public Clock clock() {
        return clock;
    }

    /** Whether the named check ran here (this source, else globally) and passed, possibly with a warning. */
    public boolean passed(String checkName) {
        CheckStatus status = shared.outcomes.getOrDefault(key(checkName, source), shared.outcomes.get(key(checkName, null)));
        return status == CheckStatus.ok || status == CheckStatus.warning;
    }

    void record(String checkName, CheckStatus status) {
        shared.outcomes.put(key(checkName, source), status);
    }

    /** The client of this source's Prometheus; only called once the URL is known to be set. */
    PrometheusAdminClient prometheus() {
        if (prometheus == null) {
            prometheus = new PrometheusAdminClient(settings.requirePrometheusUrl(), TIMEOUT, RetryPolicy.NONE,
                    settings.prometheusSecurity());
        }
        return prometheus;
    }

    /** The pods a backup of this (Kubernetes) source would read, as kubernetes.pods found them; empty until then. */
    List<PrometheusReplica> kubernetesReplicas() {
        return kubernetesReplicas;
    }

    void kubernetesReplicas(List<PrometheusReplica> replicas) {
        this.kubernetesReplicas = List.copyOf(replicas);
    }

    /** The repository's store, opened by the repository check; null until then. */
    ObjectStore store() {
        return shared.store;
    }

    void store(ObjectStore store) {
        shared.store = store;
    }

    /** When the write probe was sent and answered, and the modification time the store gave the probe object. */
    record ProbeTiming(Instant sent, Instant answered, Instant stored) {
    }

    ProbeTiming probeTiming() {
        return shared.probeTiming;
    }

    void probeTiming(ProbeTiming timing) {
        shared.probeTiming = timing;
    }

    @Override
    public void close() throws IOException {
        if (shared.store != null) {
            shared.store.close();
            shared.store = null;
        }
    }

    private static String key(String checkName, String source) {
        return source == null ? checkName : checkName + "@" + source;
    }

    private static final class Shared {
        final Map<String, CheckStatus> outcomes = new HashMap<>();
        ObjectStore store;
        ProbeTiming probeTiming;
    }
}
