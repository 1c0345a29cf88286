package io.promdr.schedules.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.schedules.TestSchedules;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronJobRendererTest {
    private static final RenderOptions OPTIONS = new RenderOptions("monitoring", "ghcr.io/acme/promdr:0.1.0", "promdr",
            RenderOptions.DEFAULT_CONFIG_MAP, RenderOptions.DEFAULT_SECRET);

    @Test
    void rendersOneCronJobPerScheduleThatParsesBack() {
        String yaml = CronJobRenderer.renderYaml(List.of(
                TestSchedules.spec("nightly", "0 2 * * *", "Europe/Paris", "backup", "prod"),
                TestSchedules.spec("weekly-drill", "0 0 5 ? * 1", "UTC", "drill", "prod")), OPTIONS);

        assertThat(yaml).startsWith("---\n");
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<CronJob> parsed = Arrays.stream(yaml.split("(?m)^---\n")).filter(doc -> !doc.isBlank())
                .map(doc -> serialization.unmarshal(doc, CronJob.class)).toList();
        assertThat(parsed).hasSize(2);
        CronJob nightly = parsed.get(0);
        assertThat(nightly.getApiVersion()).isEqualTo("batch/v1");
        assertThat(nightly.getMetadata().getName()).isEqualTo("promdr-nightly");
        assertThat(nightly.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(nightly.getSpec().getSchedule()).isEqualTo("0 2 * * *");
        assertThat(nightly.getSpec().getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(nightly.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(nightly.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(nightly.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(nightly.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
        JobSpec job = nightly.getSpec().getJobTemplate().getSpec();
        assertThat(job.getActiveDeadlineSeconds()).isPositive();
        assertThat(job.getBackoffLimit()).isEqualTo(2);
        assertThat(job.getTtlSecondsAfterFinished()).isPositive();
        PodSpec pod = job.getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("promdr");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/acme/promdr:0.1.0");
        assertThat(c.getArgs()).containsExactly("schedule", "exec");
        Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry("PROMDR_SCHEDULE", "nightly").containsEntry("PROMDR_CONFIG", "/etc/promdr/promdr.yaml");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("promdr-config"));

        // The Quartz form with seconds 0 and "?" renders as its 5-field equivalent (Sunday: Quartz 1, Unix 0).
        assertThat(parsed.get(1).getSpec().getSchedule()).isEqualTo("0 5 * * 0");
        assertThat(parsed.get(1).getSpec().getTimeZone()).isEqualTo("UTC");
    }

    @Test
    void quartzOnlyCronIsRefused() {
        assertThatThrownBy(() -> CronJobRenderer.render(List.of(TestSchedules.spec("fast", "*/10 * * * * ?", "backup", "prod")), OPTIONS))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEDULE_NOT_RENDERABLE);
                    assertThat(e.getMessage()).startsWith("schedules.fast.cron \"*/10 * * * * ?\" uses Quartz-only fields");
                });
    }

    @Test
    void imageIsRequired() {
        RenderOptions noImage = new RenderOptions(null, null, null, RenderOptions.DEFAULT_CONFIG_MAP, RenderOptions.DEFAULT_SECRET);
        assertThatThrownBy(() -> CronJobRenderer.render(List.of(TestSchedules.spec("n", "@daily", "backup", "prod")), noImage))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEDULE_NOT_RENDERABLE);
                    assertThat(e.getMessage()).isEqualTo("kubernetes.image is not set");
                });
    }
}
