package io.promdr.cli.k8s;

import io.promdr.cli.schema.JsonSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.k8s.PrometheusPods;
import io.promdr.core.k8s.snapshot.FakeSnapshotController;
import io.promdr.core.testing.KubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes commands through the real entry point, against the mock API server in CRUD mode. */
class KubernetesCommandsTest {
    private static final String NS = "monitoring";
    @TempDir
    Path dir;
    private KubernetesTestServer server;
    private KubernetesClient client;
    private CliRunner cli;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        server = new KubernetesTestServer();
        client = server.client();
        PrometheusPods.create(client, NS, 0, true, "2026-12-01T10:00:00Z");
        PrometheusPods.create(client, NS, 1, false, "2026-12-01T10:00:00Z");
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), server.kubeconfig("default"));
        config = Files.writeString(dir.resolve("promdr.yaml"), """
                repository:
                  uri: file://%s/repo
                kubernetes:
                  kubeconfig: %s
                  namespace: %s
                  image: ghcr.io/acme/promdr:0.1.0
                  serviceAccount: promdr
                sources:
                  k8s:
                    kubernetes:
                      prometheus: k8s
                      replicas: all
                      access: volume-snapshot
                      volumeSnapshotClass: csi-hostpath-snapclass
                      readyTimeout: 20s
                """.formatted(dir, kubeconfig, NS));
        cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void permissionsPrintsTheRoleOfTheRegistry() {
        Result r = cli.run("k8s", "permissions", "--feature", "volume-snapshot");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("kind: Role", "name: promdr", "resources: [\"volumesnapshots\"]",
                "verbs: [\"create\", \"delete\", \"get\", \"list\", \"watch\"]").doesNotContain("pods/exec");
        assertThat(cli.run("k8s", "permissions").out()).contains("pods/exec", "pods/portforward", "statefulsets", "jobs");
        assertThat(cli.run("k8s", "permissions", "--feature", "nope").exitCode()).isEqualTo(ErrorCode.USAGE.exitCode());
    }

    @Test
    void backupOfAVolumeSnapshotSourceSnapshotsTheReadyReplicaAndListsIt() throws Exception {
        Result backup;
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            backup = cli.run("--config", config.toString(), "backup", "--source", "k8s");
        }
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.err()).contains("warning: replica monitoring/prometheus-k8s-1 is not running (phase Pending): not backed up");
        assertThat(backup.out()).contains("of PVC prometheus-k8s-db-prometheus-k8s-0 is ready");

        Result list = cli.run("--config", config.toString(), "snapshots", "list", "--source", "k8s", "-o", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode json = JsonSchemas.assertValid("snapshots-list", list.out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("source").asText()).isEqualTo("k8s");
        assertThat(json.get(0).get("schedule").asText()).isEqualTo("manual");
        assertThat(json.get(0).get("claim").asText()).isEqualTo("prometheus-k8s-db-prometheus-k8s-0");
        assertThat(json.get(0).get("readyToUse").asBoolean()).isTrue();
        String name = json.get(0).get("name").asText();

        Result table = cli.run("--config", config.toString(), "snapshots", "list");
        assertThat(table.out()).contains(name).contains("ready");

        Result toPvc = cli.run("--config", config.toString(), "snapshots", "restore", name, "--to-pvc", "restored");
        assertThat(toPvc.exitCode()).as(toPvc.err()).isZero();
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("restored").get().getSpec().getDataSource()
                .getName()).isEqualTo(name);
        Result again = cli.run("--config", config.toString(), "snapshots", "restore", name, "--to-pvc", "restored");
        assertThat(again.exitCode()).isEqualTo(ErrorCode.KUBERNETES_OBJECT_EXISTS.exitCode());
        assertThat(again.err()).startsWith("error: PersistentVolumeClaim monitoring/restored exists already");
    }

    /** What a rendered CronJob runs: the scheduled backup of a Kubernetes source, labelled with its schedule. */
    @Test
    void aScheduledBackupOfAVolumeSnapshotSourceLabelsTheSnapshotsWithItsSchedule() throws Exception {
        Path scheduled = Files.writeString(dir.resolve("scheduled.yaml"), Files.readString(config)
                + "schedules:\n  nightly-volumes: {job: backup, source: k8s}\n");
        Result exec;
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            exec = cli.env("PROMDR_SCHEDULE", "nightly-volumes").run("--config", scheduled.toString(), "schedule", "exec");
        }
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("schedule nightly-volumes: VolumeSnapshot " + NS + "/")
                .contains("of PVC prometheus-k8s-db-prometheus-k8s-0 is ready");
        assertThat(exec.err()).contains("warning: replica monitoring/prometheus-k8s-1 is not running");

        JsonNode json = new ObjectMapper().readTree(cli.run("--config", scheduled.toString(), "snapshots", "list",
                "--source", "k8s", "-o", "json").out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("schedule").asText()).isEqualTo("nightly-volumes");
    }

    @Test
    void aFailingSnapshotExitsWithItsCode() {
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.failing("no space left"))) {
            Result r = cli.run("--config", config.toString(), "snapshots", "create", "--source", "k8s", "--schedule", "nightly");
            assertThat(r.exitCode()).isEqualTo(ErrorCode.VOLUME_SNAPSHOT_FAILED.exitCode());
            assertThat(r.err()).contains("failed: no space left");
        }
    }

    @Test
    void restoreToPvcRunsAJobWithTheRestoreCommandLine() {
        try (SharedIndexInformer<Job> jobs = client.batch().v1().jobs().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
                client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        })) {
            Result r = cli.run("--config", config.toString(), "restore", "latest", "--to-pvc", "prometheus-new",
                    "--env-from-secret", "promdr-s3", "--until", "2026-12-01");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("succeeded: PVC prometheus-new holds the backup under prometheus-db/");
        }
        Job job = client.batch().v1().jobs().inNamespace(NS).list().getItems().get(0);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("restore", "latest",
                "--repository", "file://" + dir + "/repo", "--to", "/restore/prometheus-db", "--until", "2026-12-01");
    }

    @Test
    void pruneKeepsWhatTheRetentionPolicyKeepsAndDeletesWholeRuns() throws Exception {
        Path withRetention = Files.writeString(dir.resolve("retention.yaml"), Files.readString(config)
                + "retention:\n  keepLast: 1\n");
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            for (int i = 0; i < 2; i++) {
                Result r = cli.run("--config", withRetention.toString(), "snapshots", "create", "--source", "k8s");
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
        }
        List<String> before = names(withRetention);
        assertThat(before).hasSize(2);

        Result dry = cli.run("--config", withRetention.toString(), "snapshots", "prune", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would delete k8s ", "keep   k8s ", "dry run: nothing was deleted");
        assertThat(names(withRetention)).isEqualTo(before);

        Result prune = cli.run("--config", withRetention.toString(), "snapshots", "prune");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("deleted 1 VolumeSnapshots");
        // The newest run (ids sort by time) is the one kept.
        assertThat(names(withRetention)).containsExactly(before.get(0));

        Result noPolicy = cli.run("--config", config.toString(), "snapshots", "prune");
        assertThat(noPolicy.exitCode()).isEqualTo(ErrorCode.RETENTION_POLICY_EMPTY.exitCode());
    }

    /** Snapshot names, newest run first. */
    private List<String> names(Path configFile) throws IOException {
        Result list = cli.run("--config", configFile.toString(), "snapshots", "list", "-o", "json");
        List<String> names = new java.util.ArrayList<>();
        new ObjectMapper().readTree(list.out()).forEach(n -> names.add(n.get("name").asText()));
        java.util.Collections.reverse(names);
        return names;
    }

    @Test
    void inPlaceWithoutYesOnlyPrintsThePlan() throws Exception {
        String name;
        try (var controller = new FakeSnapshotController(client, FakeSnapshotController.ready())) {
            cli.run("--config", config.toString(), "snapshots", "create", "--source", "k8s");
        }
        name = client.resources(io.promdr.core.k8s.snapshot.VolumeSnapshot.class).inNamespace(NS).list().getItems().get(0)
                .getMetadata().getName();
        client.apps().statefulSets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("prometheus-k8s").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).endSpec().build()).create();

        Result r = cli.run("--config", config.toString(), "snapshots", "restore", name, "--in-place", "--statefulset",
                "prometheus-k8s", "--pvc", PrometheusPods.claim(0));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("nothing done; rerun with --yes", "1. scale StatefulSet monitoring/prometheus-k8s from 2 to 0",
                "2. delete PersistentVolumeClaim prometheus-k8s-db-prometheus-k8s-0");
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("prometheus-k8s").get().getSpec().getReplicas())
                .isEqualTo(2);
    }
}
