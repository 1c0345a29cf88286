package io.promdr.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.cli.schema.JsonSchemas;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.k8s.PrometheusPods;
import io.promdr.core.testing.KubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promdr doctor} for a Kubernetes source, against the fabric8 mock API server (CRUD mode,
 * plus {@code /version} and SelfSubjectAccessReviews answered by a policy): every verb the
 * source's features need is asked for, a denied one fails the run (exit 100) naming it, an API
 * server that does not answer fails it, and the local data-directory checks report themselves as
 * not applicable instead of failing.
 */
class DoctorKubernetesTest {
    private static final String NS = "monitoring";

    @TempDir
    Path dir;
    private KubernetesTestServer server;
    private final List<String> asked = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everythingAllowedIsOkAndTheLocalChecksAreNotApplicable() throws Exception {
        start((ns, verb, group, resource) -> true);
        Result r = doctor(kubeconfig(), "exec");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        assertThat(statuses(report)).containsAllEntriesOf(Map.of("kubernetes.api", "ok", "kubernetes.rbac", "ok",
                "kubernetes.pods", "ok", "prometheus.reachable", "skipped", "prometheus.admin-api", "skipped",
                "prometheus.data-dir", "skipped", "prometheus.free-space", "skipped"));
        assertThat(detail(report, "kubernetes.api")).isEqualTo("Kubernetes API server v1.31.0 answers; namespace " + NS);
        assertThat(detail(report, "kubernetes.rbac")).isEqualTo("all 7 verbs on 4 resources that discovery,exec needs"
                + " are allowed in namespace " + NS);
        assertThat(detail(report, "kubernetes.pods")).startsWith("backs up " + NS + "/prometheus-k8s-0 (container prometheus,"
                + " data dir /prometheus)");
        assertThat(detail(report, "prometheus.data-dir")).isEqualTo("not applicable: the data directory /prometheus is inside pod "
                + NS + "/prometheus-k8s-0 (container prometheus); a backup reads it through exec");
        assertThat(detail(report, "prometheus.reachable")).contains("reached through a port-forward");
        // One review per verb of the registry's rules for discovery and exec, in the source's namespace.
        assertThat(asked).containsExactlyInAnyOrder(NS + " get /pods", NS + " list /pods", NS + " get /persistentvolumeclaims",
                NS + " create /pods/exec", NS + " get /pods/exec", NS + " create /pods/portforward", NS + " get /pods/portforward");
    }

    @Test
    void oneDeniedVerbFailsNamingItWithTheHint() throws Exception {
        start((ns, verb, group, resource) -> !(verb.equals("create") && resource.equals("pods/exec")));
        Result r = doctor(kubeconfig(), "exec");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        JsonNode rbac = check(report, "kubernetes.rbac");
        assertThat(rbac.path("status").asText()).isEqualTo("failed");
        assertThat(rbac.path("detail").asText()).isEqualTo("1 of 7 verbs that discovery,exec needs are not allowed in namespace "
                + NS + ": create pods/exec");
        assertThat(rbac.path("hint").asText()).startsWith("promdr k8s permissions --feature discovery,exec | kubectl apply -n "
                + NS + " -f -");
        assertThat(r.err()).startsWith("error: 1 check(s) failed, first: kubernetes.rbac: 1 of 7 verbs");
        assertThat(statuses(report)).containsEntry("prometheus.data-dir", "skipped");
    }

    @Test
    void aVolumeSnapshotSourceIsAskedForTheVolumeSnapshotVerbs() throws Exception {
        start((ns, verb, group, resource) -> !group.equals("snapshot.storage.k8s.io") || !verb.equals("delete"));
        Result r = doctor(kubeconfig(), "volume-snapshot");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        assertThat(detail(report, "kubernetes.rbac")).endsWith(": delete volumesnapshots.snapshot.storage.k8s.io");
        assertThat(detail(report, "prometheus.data-dir")).startsWith("not applicable: access volume-snapshot copies the volumes of pod "
                + NS + "/prometheus-k8s-0");
        assertThat(asked).noneMatch(a -> a.contains("pods/exec"));
    }

    @Test
    void anApiServerThatDoesNotAnswerFails() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: gone
                  cluster:
                    server: https://127.0.0.1:%d
                    insecure-skip-tls-verify: true
                users:
                - name: u
                  user:
                    token: test-token
                contexts:
                - name: gone
                  context: {cluster: gone, user: u, namespace: %s}
                current-context: gone
                """.formatted(closed, NS));
        Result r = doctor(kubeconfig, "exec");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.DOCTOR_FAILED.exitCode());
        JsonNode report = JsonSchemas.assertValid("doctor", r.out());
        JsonNode api = check(report, "kubernetes.api");
        assertThat(api.path("status").asText()).isEqualTo("failed");
        assertThat(api.path("detail").asText()).startsWith("Kubernetes API unreachable while trying to read the API server version");
        assertThat(api.path("hint").asText()).contains("kubernetes.kubeconfig");
        assertThat(statuses(report)).containsEntry("kubernetes.rbac", "skipped").containsEntry("kubernetes.pods", "skipped")
                .containsEntry("prometheus.data-dir", "skipped");
    }

    private void start(KubernetesTestServer.AccessPolicy policy) {
        server = new KubernetesTestServer((ns, verb, group, resource) -> {
            synchronized (asked) {
                asked.add(ns + " " + verb + " " + group + "/" + resource);
            }
            return policy.allows(ns, verb, group, resource);
        });
        PrometheusPods.create(server.client(), NS, 0, true, "2026-12-01T10:00:00Z");
    }

    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), server.kubeconfig("default"));
    }

    private Result doctor(Path kubeconfig, String access) throws IOException {
        Path config = Files.writeString(dir.resolve("promdr.yaml"), """
                repository:
                  uri: file://%s/repo
                kubernetes:
                  kubeconfig: %s
                  namespace: %s
                sources:
                  k8s:
                    kubernetes:
                      prometheus: k8s
                      access: %s
                """.formatted(dir, kubeconfig, NS, access));
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_STATE_DIR", dir.resolve("state").toString()));
        assertThat(cli.run("--config", config.toString(), "init").exitCode()).isZero();
        return cli.run("--config", config.toString(), "doctor", "-o", "json");
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static String detail(JsonNode report, String name) {
        return check(report, name).path("detail").asText();
    }

    private static Map<String, String> statuses(JsonNode report) {
        Map<String, String> statuses = new LinkedHashMap<>();
        report.path("checks").forEach(c -> statuses.put(c.path("name").asText(), c.path("status").asText()));
        return statuses;
    }
}
