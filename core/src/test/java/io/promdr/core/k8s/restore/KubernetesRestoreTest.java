package io.promdr.core.k8s.restore;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.PrometheusPods;
import io.promdr.core.k8s.snapshot.FakeSnapshotController;
import io.promdr.core.k8s.snapshot.VolumeSnapshot;
import io.promdr.core.k8s.snapshot.VolumeSnapshotRequest;
import io.promdr.core.k8s.snapshot.VolumeSnapshots;
import io.promdr.core.testing.KubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesRestoreTest {
    private static final String NS = "monitoring";
    private KubernetesTestServer server;
    private KubernetesClient client;
    private String snapshot;

    @BeforeEach
    void start() {
        server = new KubernetesTestServer();
        client = server.client();
        PrometheusPods.create(client, NS, 0, true, "2026-12-01T10:00:00Z");
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            VolumeSnapshot taken = new VolumeSnapshots(client).take(new VolumeSnapshotRequest(NS,
                    List.of(PrometheusPods.claim(0)), null, "20261203T010000Z-0a1b2c3d", "k8s", null, Duration.ofSeconds(10)))
                    .get(0);
            snapshot = taken.getMetadata().getName();
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPvcFromASnapshotHasItAsDataSourceAndTheSourceClaimsShape() {
        PersistentVolumeClaim pvc = new PvcFromSnapshot(client).create(NS, snapshot, "prometheus-restored");

        assertThat(pvc.getSpec().getDataSource().getKind()).isEqualTo("VolumeSnapshot");
        assertThat(pvc.getSpec().getDataSource().getApiGroup()).isEqualTo("snapshot.storage.k8s.io");
        assertThat(pvc.getSpec().getDataSource().getName()).isEqualTo(snapshot);
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("csi-hostpath-sc");
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("prometheus-restored").get()).isNotNull();
    }

    @Test
    void anExistingPvcIsNeverOverwritten() {
        assertThatThrownBy(() -> new PvcFromSnapshot(client).create(NS, snapshot, PrometheusPods.claim(0)))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_OBJECT_EXISTS);
                    assertThat(e.hint()).contains("--in-place");
                });
        assertThatThrownBy(() -> new PvcFromSnapshot(client).create(NS, "no-such-snapshot", "x"))
                .isInstanceOfSatisfying(PromdrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_OBJECT_NOT_FOUND));
    }

    @Test
    void theRestoreJobMountsThePvcRunsPromdrAndIsWaitedFor() {
        RestoreJobSpec spec = new RestoreJobSpec(NS, "prometheus-restored", "ghcr.io/acme/promdr:0.1.0", "promdr",
                "promdr-s3", List.of("restore", "latest", "--repository", "s3://b/p", "--to", "/restore/prometheus-db"),
                Duration.ofSeconds(10));
        try (SharedIndexInformer<Job> controller = finishJobs(true)) {
            Job done = new RestoreJobLauncher(client).run(spec, Instant.parse("2026-12-03T04:00:00Z"));
            assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        }
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("promdr-restore-20261203-040000").get();
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("promdr");
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("prometheus-restored");
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/promdr:0.1.0");
        assertThat(pod.getContainers().get(0).getArgs()).containsExactly("restore", "latest", "--repository", "s3://b/p",
                "--to", "/restore/prometheus-db");
        assertThat(pod.getContainers().get(0).getVolumeMounts().get(0).getMountPath()).isEqualTo("/restore");
        assertThat(pod.getContainers().get(0).getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("promdr-s3");
    }

    @Test
    void aFailedRestoreJobIsReported() {
        RestoreJobSpec spec = new RestoreJobSpec(NS, "prometheus-restored", "promdr:dev", null, null,
                List.of("restore", "latest", "--to", "/restore"), Duration.ofSeconds(10));
        try (SharedIndexInformer<Job> controller = finishJobs(false)) {
            assertThatThrownBy(() -> new RestoreJobLauncher(client).run(spec, Instant.parse("2026-12-03T04:00:00Z")))
                    .isInstanceOfSatisfying(PromdrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_JOB_FAILED);
                        assertThat(e.getMessage()).contains("promdr-restore-20261203-040000 failed");
                        assertThat(e.hint()).contains("kubectl logs -n monitoring job/promdr-restore-20261203-040000");
                    });
        }
    }

    @Test
    void inPlaceScalesDownReplacesThePvcAndScalesBackUp() {
        client.apps().statefulSets().inNamespace(NS).resource(statefulSet(2)).create();
        PrometheusPods.create(client, NS, 1, true, "2026-12-01T10:00:00Z");
        InPlacePlan plan = new InPlacePlan(NS, "prometheus-k8s", PrometheusPods.claim(0), snapshot, Duration.ofSeconds(10));
        List<String> progress = new ArrayList<>();

        try (SharedIndexInformer<StatefulSet> controller = fakeStatefulSetController()) {
            new InPlaceRestore(client).run(plan, progress::add);
        }

        assertThat(progress).hasSize(4);
        assertThat(progress.get(0)).startsWith("1/4 scale StatefulSet monitoring/prometheus-k8s from 2 to 0");
        PersistentVolumeClaim replaced = client.persistentVolumeClaims().inNamespace(NS).withName(PrometheusPods.claim(0)).get();
        assertThat(replaced.getSpec().getDataSource().getName()).isEqualTo(snapshot);
        StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("prometheus-k8s").get();
        assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
        assertThat(sts.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void inPlaceRefusesAnOperatorManagedStatefulSetWhoseOperatorIsNotPaused() {
        StatefulSet owned = new StatefulSetBuilder(statefulSet(1)).editMetadata().addNewOwnerReference()
                .withApiVersion("monitoring.coreos.com/v1").withKind("Prometheus").withName("k8s").withUid("u1")
                .endOwnerReference().endMetadata().build();
        client.apps().statefulSets().inNamespace(NS).resource(owned).create();
        InPlacePlan plan = new InPlacePlan(NS, "prometheus-k8s", PrometheusPods.claim(0), snapshot, Duration.ofSeconds(5));

        assertThatThrownBy(() -> new InPlaceRestore(client).check(plan)).isInstanceOfSatisfying(PromdrException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("managed by Prometheus k8s, which is not paused");
            assertThat(e.hint()).contains("\"paused\":true");
        });
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("prometheus-k8s").get().getSpec().getReplicas())
                .isEqualTo(1);
    }

    private static StatefulSet statefulSet(int replicas) {
        return new StatefulSetBuilder().withNewMetadata().withName("prometheus-k8s").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName("prometheus-operated")
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "prometheus").endSelector()
                .endSpec().withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).endStatus().build();
    }

    /** Plays the Job controller: every new Job succeeds (or fails) at once. */
    private SharedIndexInformer<Job> finishJobs(boolean succeed) {
        return client.batch().v1().jobs().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                job.setStatus(succeed ? new JobStatusBuilder().withSucceeded(1).build()
                        : new JobStatusBuilder().withFailed(1).build());
                client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean deletedFinalStateUnknown) {
            }
        });
    }

    /** Plays the StatefulSet controller: replicas 0 deletes the pods, replicas n marks n ready. */
    private SharedIndexInformer<StatefulSet> fakeStatefulSetController() {
        return client.apps().statefulSets().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StatefulSet sts) {
            }

            @Override
            public void onUpdate(StatefulSet old, StatefulSet sts) {
                int wanted = sts.getSpec().getReplicas();
                Integer ready = sts.getStatus() == null ? null : sts.getStatus().getReadyReplicas();
                if (wanted == 0) {
                    client.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", "prometheus").delete();
                }
                if (ready == null || ready != wanted) {
                    client.apps().statefulSets().inNamespace(NS).withName("prometheus-k8s").editStatus(s -> {
                        s.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                                .withReplicas(wanted).withReadyReplicas(wanted).build());
                        return s;
                    });
                }
            }

            @Override
            public void onDelete(StatefulSet sts, boolean deletedFinalStateUnknown) {
            }
        });
    }
}
