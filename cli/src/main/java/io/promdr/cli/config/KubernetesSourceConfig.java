package io.promdr.cli.config;

import java.util.List;

/**
 * {@code sources.<name>.kubernetes:} a Prometheus running in Kubernetes (docs/kubernetes.md).
 *
 * @param namespace           namespace of the pods; unset: kubernetes.namespace, else the context's
 * @param selector            label selector of the pods; default {@code app.kubernetes.io/name=prometheus}
 * @param prometheus          name of a prometheus-operator Prometheus resource (pods labelled
 *                            {@code prometheus=<name>}); replaces selector
 * @param container           the Prometheus container; default {@code prometheus}
 * @param replicas            {@code one} (default: the ready replica with the longest history) or {@code all}
 * @param access              {@code exec} (default: snapshot API + tar through the exec API into the
 *                            repository) or {@code volume-snapshot} (CSI VolumeSnapshots of the PVCs)
 * @param volumeSnapshotClass the VolumeSnapshotClass; unset: the cluster's default
 * @param pvcs                the PVCs to snapshot; unset: the PVCs of the chosen replicas
 * @param quiesce             volume-snapshot only: take a TSDB snapshot first, so the volume holds a
 *                            consistent copy under snapshots/, removed once the VolumeSnapshot is ready
 * @param readyTimeout        how long to wait for readyToUse; default 10m
 */
public record KubernetesSourceConfig(String namespace, String selector, String prometheus, String container, String replicas,
                                     String access, String volumeSnapshotClass, List<String> pvcs, Boolean quiesce,
                                     String readyTimeout) {
}
