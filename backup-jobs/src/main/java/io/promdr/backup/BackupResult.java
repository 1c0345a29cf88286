package io.promdr.backup;

import io.promdr.core.metrics.BackupMetrics;
import io.promdr.core.model.Manifest;

import java.time.Duration;

/** What a finished backup did: the committed manifest, and how many blocks and bytes it uploaded or found already stored. */
public record BackupResult(Manifest manifest, int blocksUploaded, int blocksReused, long bytesUploaded, Duration duration) {

    /** The metrics a successful backup pushes (docs/metrics.md). */
    public BackupMetrics metrics() {
        Manifest m = manifest;
        return new BackupMetrics(m.source().name(), m.completedAt(), true, duration, bytesUploaded, m.totalStoredSize(),
                m.blocks().size(), blocksUploaded, m.totalSamples(), m.blocks().isEmpty() ? null : m.maxTime());
    }
}
