package io.promdr.core.k8s.restore;

import java.time.Duration;
import java.util.List;

/**
 * A restore run inside the cluster: a Job that mounts {@code claim} at {@link RestoreJobLauncher#MOUNT}
 * and runs {@code promdr <args>} (the restore command line, with {@code --to} under the mount).
 *
 * @param namespace      where the PVC and the Job live
 * @param claim          the PVC to restore into
 * @param image          the promdr image (kubernetes.image)
 * @param serviceAccount the Job's service account, or null for the namespace default
 * @param envFromSecret  a Secret whose keys become the container's environment (repository
 *                       credentials, PROMDR_* settings), or null
 * @param args           promdr's arguments, e.g. {@code restore latest --repository s3://b/p --to /restore}
 * @param timeout        how long to wait for the Job to finish
 */
public record RestoreJobSpec(String namespace, String claim, String image, String serviceAccount, String envFromSecret,
                             List<String> args, Duration timeout) {
}
