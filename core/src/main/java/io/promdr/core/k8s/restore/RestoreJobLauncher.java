package io.promdr.core.k8s.restore;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesFailures;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promdr restore} inside the cluster, where the PVC can be mounted: creates a Job
 * (no retries, so a failure is reported once, not hidden by a retry), waits until it succeeds or
 * fails, and on failure returns the end of its pod's log in the error.
 */
public final class RestoreJobLauncher {
    /** Where the Job mounts the PVC. */
    public static final String MOUNT = "/restore";
    public static final String JOB_LABEL = "promdr.io/restore";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int LOG_LINES = 20;

    private final KubernetesClient client;

    public RestoreJobLauncher(KubernetesClient client) {
        this.client = client;
    }

    /** The Job promdr would create (for --dry-run and for tests). */
    public Job job(RestoreJobSpec spec, Instant now) {
        String name = ("promdr-restore-" + STAMP.format(now)).toLowerCase(Locale.ROOT);
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(spec.namespace())
                .addToLabels("app.kubernetes.io/name", "promdr").addToLabels(JOB_LABEL, "true")
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(86400)
                .withNewTemplate()
                .withNewMetadata().addToLabels("app.kubernetes.io/name", "promdr").addToLabels(JOB_LABEL, "true").endMetadata()
                .withNewSpec().withRestartPolicy("Never").withServiceAccountName(spec.serviceAccount())
                .addNewContainer().withName("promdr").withImage(spec.image()).withArgs(spec.args())
                .addNewVolumeMount().withName("target").withMountPath(MOUNT).endVolumeMount()
                .withEnvFrom(spec.envFromSecret() == null ? List.of() : List.of(new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder()
                        .withNewSecretRef().withName(spec.envFromSecret()).endSecretRef().build()))
                .endContainer()
                .addNewVolume().withName("target").withNewPersistentVolumeClaim().withClaimName(spec.claim())
                .endPersistentVolumeClaim().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** Creates the Job and waits for it; returns the finished Job, or fails with KUBERNETES_JOB_FAILED / KUBERNETES_TIMEOUT. */
    public Job run(RestoreJobSpec spec, Instant now) {
        Job job = job(spec, now);
        String name = job.getMetadata().getName();
        String ns = spec.namespace();
        KubernetesFailures.call("create job " + ns + "/" + name,
                () -> client.batch().v1().jobs().inNamespace(ns).resource(job).create());
        Job done;
        try {
            done = client.batch().v1().jobs().inNamespace(ns).withName(name).waitUntilCondition(
                    j -> j == null || j.getStatus() != null && (positive(j.getStatus().getSucceeded())
                            || positive(j.getStatus().getFailed())),
                    spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new PromdrException(ErrorCode.KUBERNETES_TIMEOUT, "restore Job " + ns + "/" + name + " did not finish within "
                    + spec.timeout().toSeconds() + "s", "follow it with `kubectl logs -n " + ns + " job/" + name + " -f`", e);
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate("watch job " + ns + "/" + name, e);
        }
        if (done == null) {
            throw new PromdrException(ErrorCode.KUBERNETES_JOB_FAILED, "restore Job " + ns + "/" + name
                    + " was deleted before it finished", "check who deletes Jobs in " + ns);
        }
        if (!positive(done.getStatus().getSucceeded())) {
            throw new PromdrException(ErrorCode.KUBERNETES_JOB_FAILED, "restore Job " + ns + "/" + name + " failed"
                    + logTail(ns, name), "read its log: `kubectl logs -n " + ns + " job/" + name + "`; the PVC "
                    + spec.claim() + " may hold a partial restore: restore again with --force");
        }
        return done;
    }

    /** The last lines of the Job's newest pod's log, as " — log: ..." or "" when there is none. */
    String logTail(String ns, String jobName) {
        try {
            List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", jobName).list().getItems();
            Pod newest = pods.stream().max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp())).orElse(null);
            if (newest == null) {
                return "";
            }
            String log = client.pods().inNamespace(ns).withName(newest.getMetadata().getName()).tailingLines(LOG_LINES).getLog();
            return log == null || log.isBlank() ? "" : "; its log ends: " + log.strip().replaceAll("\\s*\\n\\s*", " | ");
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    private static boolean positive(Integer n) {
        return n != null && n > 0;
    }
}
