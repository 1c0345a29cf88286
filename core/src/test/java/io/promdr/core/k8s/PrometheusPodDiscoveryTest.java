package io.promdr.core.k8s;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.testing.KubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusPodDiscoveryTest {
    private static final String NS = "monitoring";
    private KubernetesTestServer server;
    private PrometheusPodDiscovery discovery;

    @BeforeEach
    void start() {
        server = new KubernetesTestServer();
        discovery = new PrometheusPodDiscovery(server.client());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void findsTheHaPairWithDataPathPortAndClaims() {
        PrometheusPods.create(server.client(), NS, 0, true, "2026-12-01T10:00:00Z");
        PrometheusPods.create(server.client(), NS, 1, true, "2026-11-01T10:00:00Z");

        List<PrometheusReplica> replicas = discovery.discover(new PrometheusSelector(NS, null, null, null));

        assertThat(replicas).extracting(PrometheusReplica::pod).containsExactly("prometheus-k8s-0", "prometheus-k8s-1");
        PrometheusReplica first = replicas.get(0);
        assertThat(first.dataDir()).isEqualTo("/prometheus");
        assertThat(first.webPort()).isEqualTo(9090);
        assertThat(first.routePrefix()).isEqualTo("/");
        assertThat(first.container()).isEqualTo("prometheus");
        assertThat(first.claims()).containsExactly("prometheus-k8s-db-prometheus-k8s-0");
        assertThat(first.ready()).isTrue();
        assertThat(first.problem()).isNull();
    }

    @Test
    void selectsByPrometheusResourceName() {
        PrometheusPods.create(server.client(), NS, 0, true, "2026-12-01T10:00:00Z");
        assertThat(discovery.discover(new PrometheusSelector(NS, "app=other", "k8s", null))).hasSize(1);
        assertThatThrownBy(() -> discovery.discover(new PrometheusSelector(NS, null, "main", null)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_PODS_NOT_FOUND);
                    assertThat(e.getMessage()).contains("prometheus=main").contains("monitoring");
                });
    }

    @Test
    void oneReplicaDownIsReportedAndTheOtherChosen() {
        PrometheusPods.create(server.client(), NS, 0, false, "2026-11-01T10:00:00Z");
        PrometheusPods.create(server.client(), NS, 1, true, "2026-12-01T10:00:00Z");
        PrometheusSelector selector = new PrometheusSelector(NS, null, null, null);

        ReplicaChoice.Selection all = ReplicaChoice.ALL.choose(discovery.discover(selector), selector);

        assertThat(all.chosen()).extracting(PrometheusReplica::pod).containsExactly("prometheus-k8s-1");
        assertThat(all.skipped()).singleElement().satisfies(r -> {
            assertThat(r.pod()).isEqualTo("prometheus-k8s-0");
            assertThat(r.problem()).isEqualTo("is not running (phase Pending)");
        });
        assertThat(ReplicaChoice.ONE.choose(discovery.discover(selector), selector).chosen())
                .extracting(PrometheusReplica::pod).containsExactly("prometheus-k8s-1");
    }

    @Test
    void historyStartsWithTheVolume() {
        PrometheusPods.create(server.client(), NS, 0, true, "2026-12-01T10:00:00Z");
        PersistentVolumeClaim pvc = server.client().persistentVolumeClaims().inNamespace(NS)
                .withName(PrometheusPods.claim(0)).get();

        PrometheusReplica replica = discovery.discover(new PrometheusSelector(NS, null, null, null)).get(0);

        assertThat(replica.historySince()).isEqualTo(Instant.parse(pvc.getMetadata().getCreationTimestamp()));
    }

    @Test
    void oneChoosesTheReplicaWithTheLongestHistory() {
        // Without their PVCs (say, emptyDir storage) the pods' start times tell the history.
        server.client().pods().inNamespace(NS).resource(PrometheusPods.pod(NS, 0, true, "2026-12-01T10:00:00Z")).create();
        server.client().pods().inNamespace(NS).resource(PrometheusPods.pod(NS, 1, true, "2026-11-01T10:00:00Z")).create();
        PrometheusSelector selector = new PrometheusSelector(NS, null, null, null);

        List<PrometheusReplica> replicas = discovery.discover(selector);
        ReplicaChoice.Selection one = ReplicaChoice.ONE.choose(replicas, selector);

        assertThat(replicas.get(1).historySince()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(one.chosen()).extracting(PrometheusReplica::pod).containsExactly("prometheus-k8s-1");
        assertThat(one.skipped()).extracting(PrometheusReplica::pod).containsExactly("prometheus-k8s-0");
    }

    @Test
    void noReadyReplicaFailsWithEveryReason() {
        PrometheusPods.create(server.client(), NS, 0, false, "2026-11-01T10:00:00Z");
        PrometheusSelector selector = new PrometheusSelector(NS, null, null, "thanos");
        List<PrometheusReplica> replicas = discovery.discover(selector);

        assertThat(replicas.get(0).problem()).isEqualTo("has no container named thanos");
        assertThatThrownBy(() -> ReplicaChoice.ALL.choose(replicas, selector))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_PODS_NOT_FOUND);
                    assertThat(e.getMessage()).contains("prometheus-k8s-0 has no container named thanos");
                });
    }

    @Test
    void flagsInBothSpellingsAndDefaults() {
        PrometheusArgs spaced = new PrometheusArgs(List.of("/bin/prometheus"),
                List.of("--storage.tsdb.path", "data", "--web.listen-address", "0.0.0.0:9091"), "/srv");
        assertThat(spaced.dataDir()).isEqualTo("/srv/data");
        assertThat(spaced.webPort()).isEqualTo(9091);
        PrometheusArgs none = new PrometheusArgs(null, List.of("--config.file=/etc/p.yml"), null);
        assertThat(none.dataDir()).isEqualTo("/prometheus/data");
        assertThat(none.webPort()).isEqualTo(9090);
        assertThat(none.routePrefix()).isEqualTo("/");
    }

    @Test
    void badSelectorIsAConfigError() {
        assertThatThrownBy(() -> new PrometheusSelector(NS, "app in (a,b)", null, null).labels())
                .isInstanceOfSatisfying(PromdrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }
}
