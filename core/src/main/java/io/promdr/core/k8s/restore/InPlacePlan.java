package io.promdr.core.k8s.restore;

import java.time.Duration;

/**
 * Replacing the PVC of one StatefulSet replica with a copy of a VolumeSnapshot.
 *
 * @param namespace   the StatefulSet's namespace
 * @param statefulSet its name ({@code prometheus-k8s})
 * @param claim       the PVC to replace ({@code prometheus-k8s-db-prometheus-k8s-0})
 * @param snapshot    the VolumeSnapshot to restore
 * @param timeout     for each wait (pods gone, PVC gone, replicas ready)
 */
public record InPlacePlan(String namespace, String statefulSet, String claim, String snapshot, Duration timeout) {
}
