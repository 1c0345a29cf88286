package io.promdr.core.snapshot;

import java.io.IOException;
import java.util.List;

/**
 * How promdr reaches the files of a Prometheus TSDB snapshot ({@code <data>/snapshots/<name>}):
 * on its own file system ({@link LocalSnapshotAccess}: bare metal, or a sidecar sharing the
 * volume) or inside the Prometheus container through the Kubernetes exec API
 * (io.promdr.core.k8s.exec.ExecSnapshotAccess). The backup job reads blocks only through this.
 *
 * <p>Contract: {@link #checkDataDir()} runs before the snapshot API call, so a wrong data
 * directory never leaves a snapshot behind; {@link #remove} is idempotent and is called after
 * every run that created a snapshot, also failed ones.
 */
public interface SnapshotAccess {
    /** Fails with DATA_DIR_INVALID (or an access error) unless the data directory is a readable Prometheus one. */
    void checkDataDir();

    /** The snapshot's blocks, sorted by ULID; DATA_DIR_INVALID if the snapshot is not there or a block is incomplete. */
    List<SnapshotBlock> blocks(String snapshotName) throws IOException;

    /** Deletes the snapshot directory; false when it was not there (already removed, or written elsewhere). */
    boolean remove(String snapshotName) throws IOException;

    /** Where the snapshot lives, for messages: a path, or {@code pod ns/name:/prometheus/snapshots/x}. */
    String describe(String snapshotName);
}
