package io.promdr.core.k8s.snapshot;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.PrometheusPods;
import io.promdr.core.testing.KubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeSnapshotsTest {
    private static final String NS = "monitoring";
    private static final String ID = "20261203T010000Z-0a1b2c3d";
    private KubernetesTestServer server;
    private VolumeSnapshots snapshots;

    @BeforeEach
    void start() {
        server = new KubernetesTestServer();
        snapshots = new VolumeSnapshots(server.client());
        PrometheusPods.create(server.client(), NS, 0, true, "2026-12-01T10:00:00Z");
        PrometheusPods.create(server.client(), NS, 1, true, "2026-12-01T10:00:00Z");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private VolumeSnapshotRequest request(String id, Duration timeout) {
        return new VolumeSnapshotRequest(NS, List.of(PrometheusPods.claim(0), PrometheusPods.claim(1)), "csi-hostpath-snapclass",
                id, "k8s", "nightly", timeout);
    }

    @Test
    void createsLabelledSnapshotsAndWaitsUntilReady() {
        List<VolumeSnapshot> taken;
        try (var controller = new FakeSnapshotController(server.client(), FakeSnapshotController.ready())) {
            taken = snapshots.take(request(ID, Duration.ofSeconds(10)));
        }

        assertThat(taken).hasSize(2).allSatisfy(s -> assertThat(s.readyToUse()).isTrue());
        VolumeSnapshot first = snapshots.get(NS, "prometheus-k8s-db-prometheus-k8s-0-20261203t010000z-0a1b2c3d");
        assertThat(first.getSpec().getSource().getPersistentVolumeClaimName()).isEqualTo(PrometheusPods.claim(0));
        assertThat(first.getSpec().getVolumeSnapshotClassName()).isEqualTo("csi-hostpath-snapclass");
        assertThat(first.getMetadata().getLabels())
                .containsEntry(SnapshotLabels.BACKUP_ID, ID)
                .containsEntry(SnapshotLabels.SOURCE, "k8s")
                .containsEntry(SnapshotLabels.SCHEDULE, "nightly")
                .containsEntry(SnapshotLabels.CLAIM, PrometheusPods.claim(0));
        assertThat(first.getStatus().getRestoreSize()).isEqualTo("10Gi");
    }

    @Test
    void statusErrorIsSurfaced() {
        try (var controller = new FakeSnapshotController(server.client(),
                FakeSnapshotController.failing("Failed to check and update snapshot content: rpc error: code = Internal"))) {
            assertThatThrownBy(() -> snapshots.take(request(ID, Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VOLUME_SNAPSHOT_FAILED);
                        assertThat(e.getMessage()).contains("prometheus-k8s-db-prometheus-k8s-0-20261203t010000z-0a1b2c3d")
                                .contains("rpc error: code = Internal");
                    });
            // Failed snapshots stay for inspection. Waiting for the second one's status also lets the
            // controller finish its last update before the server stops (an update still in flight
            // kept the mock server from shutting down).
            for (int replica = 0; replica < 2; replica++) {
                VolumeSnapshot failed = server.client().resources(VolumeSnapshot.class).inNamespace(NS)
                        .withName("prometheus-k8s-db-prometheus-k8s-" + replica + "-20261203t010000z-0a1b2c3d")
                        .waitUntilCondition(s -> s != null && s.errorMessage() != null, 10, TimeUnit.SECONDS);
                assertThat(failed.errorMessage()).contains("rpc error: code = Internal");
            }
        }
    }

    @Test
    void notReadyInTimeIsATimeout() {
        try (var controller = new FakeSnapshotController(server.client(), s -> null)) {
            assertThatThrownBy(() -> snapshots.take(request(ID, Duration.ofMillis(300))))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_TIMEOUT);
                        assertThat(e.getMessage()).contains("not readyToUse after");
                    });
        }
    }

    @Test
    void missingClaimIsNamedBeforeAnythingIsCreated() {
        VolumeSnapshotRequest bad = new VolumeSnapshotRequest(NS, List.of(PrometheusPods.claim(0), "nope"), null, ID, "k8s",
                null, Duration.ofSeconds(1));
        assertThatThrownBy(() -> snapshots.take(bad)).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND);
            assertThat(e.getMessage()).contains("nope");
        });
        assertThat(snapshots.list(NS, null)).isEmpty();
    }

    @Test
    void listsPromdrSnapshotsOfASourceOldestFirstAndDeletes() {
        try (var controller = new FakeSnapshotController(server.client(), FakeSnapshotController.ready())) {
            snapshots.take(request("20261203T020000Z-00000002", Duration.ofSeconds(10)));
            snapshots.take(request(ID, Duration.ofSeconds(10)));
            snapshots.take(new VolumeSnapshotRequest(NS, List.of(PrometheusPods.claim(0)), null, "20261203T030000Z-00000003",
                    "other", null, Duration.ofSeconds(10)));
        }
        List<VolumeSnapshot> ofK8s = snapshots.list(NS, "k8s");
        assertThat(ofK8s).extracting(s -> s.getMetadata().getLabels().get(SnapshotLabels.BACKUP_ID))
                .containsExactly(ID, ID, "20261203T020000Z-00000002", "20261203T020000Z-00000002");
        assertThat(snapshots.list(NS, null)).hasSize(5);
        assertThat(snapshots.list(NS, "other").get(0).getMetadata().getLabels()).containsEntry(SnapshotLabels.SCHEDULE, "manual");

        snapshots.delete(NS, ofK8s.get(0).getMetadata().getName());
        assertThat(snapshots.list(NS, "k8s")).hasSize(3);
    }

    @Test
    void namesFitKubernetesLimits() {
        assertThat(VolumeSnapshots.name("a".repeat(300), ID)).hasSize(253).endsWith("-20261203t010000z-0a1b2c3d");
    }
}
