package io.promdr.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay of k8s-cronjob/ rendered by kustomize, every object parsed with fabric8, and the
 * promises checked: CronJobs equal to what {@code promdr k8s render} makes of the overlay's own
 * promdr.yaml (schedules, image, deadlines), a restricted security context, RBAC equal to what the
 * code uses ({@code promdr k8s permissions}, from the registry the code's API calls are tested
 * against) and nothing cluster-wide, the configuration and dashboard ConfigMaps, the alert labels.
 */
class KustomizeIT {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @TempDir
    Path tmp;

    @Test
    void baseIsTheRenderedScheduleWithExactlyThePermissionsOfExecAndVolumeSnapshots() throws IOException {
        Rendered base = build(DeployFiles.BASE);
        checkCronJobOverlay(base, DeployFiles.BASE.resolve("promdr.yaml"), "monitoring", "discovery,exec,volume-snapshot");
        assertThat(base.cronJobs()).extracting(c -> c.getSpec().getSchedule())
                .containsExactly("0 2 * * *", "30 2 * * *", "0 5 * * 0");
        assertThat(base.resource("PrometheusRule", "promdr").getMetadata().getLabels()).doesNotContainKey("release");
    }

    @Test
    void kubePrometheusStackLabelsTheRuleAndDashboardForTheChart() throws IOException {
        Path dir = DeployFiles.OVERLAYS.resolve("kube-prometheus-stack");
        Rendered r = build(dir);
        checkCronJobOverlay(r, dir.resolve("promdr.yaml"), "monitoring", "discovery,exec,volume-snapshot");
        assertThat(r.resource("PrometheusRule", "promdr").getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(r.configMap("promdr-grafana-dashboard").getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    }

    @Test
    void microk8sRunsWithoutVolumeSnapshotsInTheObservabilityNamespace() throws IOException {
        Path dir = DeployFiles.OVERLAYS.resolve("microk8s");
        Rendered r = build(dir);
        checkCronJobOverlay(r, dir.resolve("promdr.yaml"), "observability", "discovery,exec");
        assertThat(r.cronJobs()).extracting(c -> c.getMetadata().getName())
                .containsExactly("promdr-nightly-backup", "promdr-weekly-drill");
        assertThat(r.resource("PrometheusRule", "promdr").getMetadata().getLabels()).containsEntry("release", "kube-prom-stack");
    }

    @Test
    void sidecarAddsARestrictedContainerSharingTheDataVolumeAndNoApiAccess() throws IOException {
        Rendered r = build(DeployFiles.OVERLAYS.resolve("sidecar"));
        assertThat(r.cronJobs()).isEmpty();
        assertThat(r.kinds()).doesNotContain("Role", "RoleBinding", "ServiceAccount", "ClusterRole", "ClusterRoleBinding");
        GenericKubernetesResource prometheus = r.resource("Prometheus", "k8s");
        PodSpec pod = YAML.convertValue(prometheus.getAdditionalProperties().get("spec"), PodSpec.class);
        Container promdr = pod.getContainers().get(0);
        assertThat(promdr.getName()).isEqualTo("promdr");
        assertThat(promdr.getArgs()).containsExactly("schedule", "run");
        assertRestricted(promdr.getSecurityContext());
        assertThat(promdr.getVolumeMounts()).anyMatch(m -> m.getName().equals("prometheus-k8s-db") && m.getMountPath().equals("/prometheus"));
        assertThat(r.configMap("promdr-config").getData().get("promdr.yaml")).contains("dataDir: /prometheus");
        // The sidecar's configuration is valid for promdr itself.
        Path config = Files.writeString(tmp.resolve("sidecar.yaml"), r.configMap("promdr-config").getData().get("promdr.yaml"));
        assertThat(Commands.promdr(tmp, "schedule", "list", "--config", config.toString()))
                .contains("nightly-backup").contains("weekly-drill");
    }

    private void checkCronJobOverlay(Rendered r, Path config, String namespace, String features) throws IOException {
        assertThat(r.kinds()).doesNotContain("ClusterRole", "ClusterRoleBinding", "Secret");
        assertThat(r.namespaces()).containsOnly(namespace);
        assertThat(r.configMap("promdr-config").getData().get("promdr.yaml")).isEqualTo(Files.readString(config));
        assertThat(r.configMap("promdr-grafana-dashboard").getData().get("promdr.json"))
                .isEqualTo(Files.readString(DeployFiles.DASHBOARD));

        List<CronJob> rendered = cronJobsIn(Commands.promdr(tmp, "k8s", "render", "--config", config.toString()));
        assertThat(r.cronJobs()).as("the static manifests are what promdr k8s render makes of " + config)
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(rendered);
        for (CronJob cronJob : r.cronJobs()) {
            String name = cronJob.getMetadata().getName();
            assertThat(cronJob.getSpec().getConcurrencyPolicy()).as(name).isEqualTo("Forbid");
            assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).as(name).isPositive();
            assertThat(cronJob.getSpec().getTimeZone()).as(name).isNotBlank();
            var job = cronJob.getSpec().getJobTemplate().getSpec();
            assertThat(job.getActiveDeadlineSeconds()).as(name).isPositive();
            assertThat(job.getBackoffLimit()).as(name).isBetween(0, 6);
            assertThat(job.getTtlSecondsAfterFinished()).as(name).isPositive();
            PodSpec pod = job.getTemplate().getSpec();
            assertThat(pod.getServiceAccountName()).as(name).isEqualTo("promdr");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            Container container = pod.getContainers().get(0);
            assertThat(container.getImage()).as(name).isEqualTo("promdr:0.1.0");
            assertRestricted(container.getSecurityContext());
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            assertThat(pod.getVolumes()).as(name).anyMatch(v -> v.getConfigMap() != null
                    && v.getConfigMap().getName().equals("promdr-config"));
            assertThat(container.getEnvFrom()).as(name).anyMatch(e -> e.getSecretRef().getName().equals("promdr-credentials"));
        }

        Role expected = YAML.unmarshal(Commands.promdr(tmp, "k8s", "permissions", "--feature", features), Role.class);
        Role role = YAML.unmarshal(r.documentOf("Role", "promdr"), Role.class);
        assertThat(role.getRules()).as("RBAC equals what the code uses for " + features)
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(expected.getRules());
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getResources()).doesNotContain("secrets", "*");
            assertThat(rule.getVerbs()).doesNotContain("*");
        }
    }

    private static void assertRestricted(SecurityContext context) {
        assertThat(context.getRunAsNonRoot()).isTrue();
        assertThat(context.getReadOnlyRootFilesystem()).isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).isFalse();
        assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    }

    private static List<String> documents(String stream) {
        return Arrays.stream(stream.split("(?m)^---\\s*$")).filter(d -> !d.isBlank()).toList();
    }

    private static List<CronJob> cronJobsIn(String stream) {
        return documents(stream).stream().map(d -> YAML.unmarshal(d, CronJob.class)).toList();
    }

    private static Rendered build(Path dir) {
        return new Rendered(documents(Commands.kustomize(dir)));
    }

    /** One kustomize build: its documents, each also parsed generically. */
    private record Rendered(List<String> documents) {
        List<GenericKubernetesResource> resources() {
            return documents.stream().map(d -> YAML.unmarshal(d, GenericKubernetesResource.class)).toList();
        }

        List<String> kinds() {
            return resources().stream().map(GenericKubernetesResource::getKind).toList();
        }

        List<String> namespaces() {
            return resources().stream().filter(r -> !r.getKind().equals("Prometheus"))
                    .map(r -> r.getMetadata().getNamespace()).distinct().toList();
        }

        String documentOf(String kind, String name) {
            for (String d : documents) {
                GenericKubernetesResource r = YAML.unmarshal(d, GenericKubernetesResource.class);
                if (r.getKind().equals(kind) && r.getMetadata().getName().equals(name)) {
                    return d;
                }
            }
            throw new AssertionError("no " + kind + " " + name + " in the build");
        }

        GenericKubernetesResource resource(String kind, String name) {
            return YAML.unmarshal(documentOf(kind, name), GenericKubernetesResource.class);
        }

        ConfigMap configMap(String name) {
            return YAML.unmarshal(documentOf("ConfigMap", name), ConfigMap.class);
        }

        List<CronJob> cronJobs() {
            return documents.stream().filter(d -> YAML.unmarshal(d, GenericKubernetesResource.class).getKind().equals("CronJob"))
                    .map(d -> YAML.unmarshal(d, CronJob.class)).toList();
        }
    }
}
