package io.promdr.core.k8s.snapshot;

import java.time.Duration;
import java.util.List;

/**
 * One run of the volume-snapshot source.
 *
 * @param namespace     namespace of the PVCs (VolumeSnapshots are created next to them)
 * @param claims        the PVCs to snapshot, one VolumeSnapshot each
 * @param snapshotClass the VolumeSnapshotClass; null for the cluster's default class
 * @param backupId      promdr's id of the run, in names and labels
 * @param source        the source name (label)
 * @param schedule      the schedule name, or null for a manual run
 * @param readyTimeout  how long to wait for readyToUse
 */
public record VolumeSnapshotRequest(String namespace, List<String> claims, String snapshotClass, String backupId,
                                    String source, String schedule, Duration readyTimeout) {
}
