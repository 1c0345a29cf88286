package io.promdr.schedules.k8s;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.schedules.ScheduleSpec;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The schedules as Kubernetes CronJobs ({@code batch/v1}), for {@code promdr k8s render}: the
 * same cron expression and time zone ({@code spec.timeZone}), each pod running
 * {@code promdr schedule exec} with {@code PROMDR_SCHEDULE=<name>}, i.e. the same job as the
 * in-process scheduler. Kubernetes plays Quartz' part: {@code concurrencyPolicy: Forbid} keeps
 * runs from overlapping, {@code startingDeadlineSeconds} is the misfire rule.
 */
public final class CronJobRenderer {
    /** A firing may start up to this late (the controller was down, the cluster was full); later ones are skipped. */
    static final long STARTING_DEADLINE_SECONDS = 3600;
    /** A run still going after this is stopped (SIGTERM: the backup removes its snapshot and commits nothing). */
    static final long ACTIVE_DEADLINE_SECONDS = 6 * 3600;
    /** A failed pod is retried this many times; a backup retry reuses the blocks already uploaded. */
    static final int BACKOFF_LIMIT = 2;
    static final int SUCCESSFUL_JOBS_HISTORY = 3;
    static final int FAILED_JOBS_HISTORY = 3;
    /** Finished Jobs and their pods go after a week (their logs with them). */
    static final int TTL_SECONDS_AFTER_FINISHED = 7 * 86400;
    static final String CONFIG_DIR = "/etc/promdr";
    static final String STATE_DIR = "/var/lib/promdr";
    /** The user of distroless "nonroot" images. */
    static final long RUN_AS_USER = 65532;

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private CronJobRenderer() {
    }

    /** The CronJobs of every schedule, as one multi-document YAML stream ready for {@code kubectl apply -f -}. */
    public static String renderYaml(List<ScheduleSpec> schedules, RenderOptions options) {
        return render(schedules, options).stream().map(YAML::asYaml)
                .map(doc -> doc.startsWith("---") ? doc : "---\n" + doc)
                .collect(Collectors.joining());
    }

    public static List<CronJob> render(List<ScheduleSpec> schedules, RenderOptions options) {
        if (options.image() == null || options.image().isBlank()) {
            throw new PromdrException(ErrorCode.SCHEDULE_NOT_RENDERABLE, "kubernetes.image is not set",
                    "set kubernetes.image in the config to the promdr image the CronJobs run, e.g. ghcr.io/acme/promdr:0.1.0");
        }
        if (schedules.isEmpty()) {
            throw new PromdrException(ErrorCode.SCHEDULE_NOT_FOUND, "no schedules configured",
                    "add entries under schedules: in the config (docs/scheduling.md)");
        }
        return schedules.stream().map(s -> cronJob(s, options)).toList();
    }

    /** The CronJob name of a schedule. */
    public static String name(String schedule) {
        return "promdr-" + schedule;
    }

    private static CronJob cronJob(ScheduleSpec spec, RenderOptions options) {
        String unixCron = spec.cron().unix().orElseThrow(() -> new PromdrException(ErrorCode.SCHEDULE_NOT_RENDERABLE,
                "schedules." + spec.name() + ".cron \"" + spec.cron().expression() + "\" uses Quartz-only fields "
                        + "(seconds, year, L, W or #) that a Kubernetes CronJob cannot express",
                "use a 5-field expression (minute hour day-of-month month day-of-week) for schedules rendered as CronJobs"));
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "promdr", "app.kubernetes.io/component", spec.job(),
                "promdr.io/schedule", spec.name());
        return new CronJobBuilder()
                .withNewMetadata().withName(name(spec.name())).withNamespace(options.namespace()).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withSchedule(unixCron)
                    .withTimeZone(spec.cron().zone().getId())
                    .withConcurrencyPolicy("Forbid")
                    .withStartingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
                    .withSuccessfulJobsHistoryLimit(SUCCESSFUL_JOBS_HISTORY)
                    .withFailedJobsHistoryLimit(FAILED_JOBS_HISTORY)
                    .withNewJobTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withActiveDeadlineSeconds(ACTIVE_DEADLINE_SECONDS)
                            .withBackoffLimit(BACKOFF_LIMIT)
                            .withTtlSecondsAfterFinished(TTL_SECONDS_AFTER_FINISHED)
                            .withNewTemplate()
                                .withNewMetadata().withLabels(labels).endMetadata()
                                .withNewSpec()
                                    .withRestartPolicy("Never")
                                    .withServiceAccountName(options.serviceAccount())
                                    .withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true)
                                            .withRunAsUser(RUN_AS_USER).withRunAsGroup(RUN_AS_USER).withFsGroup(RUN_AS_USER)
                                            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build())
                                    .withContainers(container(spec, options))
                                    .withVolumes(
                                            new VolumeBuilder().withName("config").withNewConfigMap()
                                                    .withName(options.configMap()).endConfigMap().build(),
                                            new VolumeBuilder().withName("state").withNewEmptyDir().endEmptyDir().build(),
                                            new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())
                                .endSpec()
                            .endTemplate()
                        .endSpec()
                    .endJobTemplate()
                .endSpec()
                .build();
    }

    private static Container container(ScheduleSpec spec, RenderOptions options) {
        return new ContainerBuilder()
                .withName("promdr")
                .withImage(options.image())
                .withArgs("schedule", "exec")
                .addNewEnv().withName("PROMDR_SCHEDULE").withValue(spec.name()).endEnv()
                .addNewEnv().withName("PROMDR_CONFIG").withValue(CONFIG_DIR + "/" + RenderOptions.CONFIG_KEY).endEnv()
                .addNewEnv().withName("PROMDR_STATE_DIR").withValue(STATE_DIR).endEnv()
                .withEnvFrom(new EnvFromSourceBuilder().withNewSecretRef().withName(options.secret()).withOptional(true)
                        .endSecretRef().build())
                .withSecurityContext(new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                        .withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                        .withCapabilities(new Capabilities(null, List.of("ALL"))).build())
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("512Mi"))
                        .addToLimits("memory", new Quantity("1Gi")).build())
                .addNewVolumeMount().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("state").withMountPath(STATE_DIR).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }
}
