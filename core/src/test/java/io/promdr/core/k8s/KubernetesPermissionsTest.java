package io.promdr.core.k8s;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.promdr.core.k8s.KubernetesPermissions.Feature;
import io.promdr.core.k8s.restore.PvcFromSnapshot;
import io.promdr.core.k8s.restore.RestoreJobLauncher;
import io.promdr.core.k8s.restore.RestoreJobSpec;
import io.promdr.core.k8s.snapshot.FakeSnapshotController;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.k8s.snapshot.VolumeSnapshotRequest;
import io.promdr.core.k8s.snapshot.VolumeSnapshots;
import io.promdr.core.testing.KubernetesTestServer;
import io.promdr.core.testing.KubernetesTestServer.ApiCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Least privilege, checked: each feature runs against the mock API server, and every request it
 * made must be granted by that feature's rules in {@link KubernetesPermissions} (requests of the
 * test's own setup and fake controllers are drained first).
 */
class KubernetesPermissionsTest {
    private static final String NS = "monitoring";
    private KubernetesTestServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesTestServer();
        client = server.client();
        PrometheusPods.create(client, NS, 0, true, "2026-12-01T10:00:00Z");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Status updates are what the fake controllers do, never promdr. */
    private void assertGranted(Feature feature, List<ApiCall> all) {
        List<ApiCall> calls = all.stream().filter(c -> !(c.verb().equals("update") && c.resource().endsWith("/status")))
                .toList();
        assertThat(calls).isNotEmpty();
        assertThat(calls).allSatisfy(call -> assertThat(KubernetesPermissions.allows(Set.of(feature), call.apiGroup(),
                call.resource(), call.verb())).as("%s needs %s", feature, call).isTrue());
    }

    @Test
    void discovery() {
        server.drainCalls();
        new PrometheusPodDiscovery(client).discover(new PrometheusSelector(NS, null, null, null));
        assertGranted(Feature.DISCOVERY, server.drainCalls());
    }

    @Test
    void volumeSnapshotsTakeListAndDelete() {
        server.drainCalls();
        VolumeSnapshots snapshots = new VolumeSnapshots(client);
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            snapshots.take(new VolumeSnapshotRequest(NS, List.of(PrometheusPods.claim(0)), null,
                    "20261203T010000Z-0a1b2c3d", "k8s", null, Duration.ofSeconds(10)));
        }
        VolumeSnapshot listed = snapshots.list(NS, "k8s").get(0);
        snapshots.delete(NS, listed.getMetadata().getName());
        assertGranted(Feature.VOLUME_SNAPSHOT, server.drainCalls());
    }

    @Test
    void restoreToPvc() {
        String name;
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            name = new VolumeSnapshots(client).take(new VolumeSnapshotRequest(NS, List.of(PrometheusPods.claim(0)), null,
                    "20261203T010000Z-0a1b2c3d", "k8s", null, Duration.ofSeconds(10))).get(0).getMetadata().getName();
        }
        server.drainCalls();
        new PvcFromSnapshot(client).create(NS, name, "restored");
        assertGranted(Feature.RESTORE_PVC, server.drainCalls());
    }

    @Test
    void restoreJob() {
        server.drainCalls();
        try (var controller = client.batch().v1().jobs().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                job.setStatus(new JobStatusBuilder().withFailed(1).build());
                client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        })) {
            catchThrowable(() -> new RestoreJobLauncher(client).run(new RestoreJobSpec(NS, "restored", "promdr:dev", null,
                    null, List.of("restore", "latest", "--to", "/restore"), Duration.ofSeconds(10)), Instant.now()));
        }
        assertGranted(Feature.RESTORE_JOB, server.drainCalls());
    }

    @Test
    void rolePrintsOneRulePerResourceWithTheUnionOfVerbs() {
        String yaml = KubernetesPermissions.roleRulesYaml(Set.of(Feature.DISCOVERY, Feature.EXEC));
        assertThat(yaml).isEqualTo("""
                rules:
                - apiGroups: [""]
                  resources: ["persistentvolumeclaims"]
                  verbs: ["get"]
                - apiGroups: [""]
                  resources: ["pods"]
                  verbs: ["get", "list"]
                - apiGroups: [""]
                  resources: ["pods/exec"]
                  verbs: ["create", "get"]
                - apiGroups: [""]
                  resources: ["pods/portforward"]
                  verbs: ["create", "get"]
                """);
    }
}
