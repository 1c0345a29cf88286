package io.promdr.cli.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.promdr.core.model.Manifest;

import java.time.Instant;

/**
 * One element of {@code promdr list -o json} (schema in docs/cli.md). A stable contract for
 * scripts: fields are only ever added, never renamed or removed.
 *
 * @param minTime      oldest sample bound of the backup, RFC 3339 UTC, null for an empty backup
 * @param maxTime      newest sample bound (exclusive), RFC 3339 UTC, null for an empty backup
 * @param storedBytes  bytes of the block objects the backup references in the repository
 * @param restoreBytes bytes of block files a restore writes
 * @param composedBlocks     blocks Prometheus compacted from blocks already stored, recorded as references to them
 *                           instead of uploaded again (docs/repository-format.md, "Composed blocks")
 * @param composedSavedBytes about the bytes those blocks did not upload: the size of the objects they reference
 */
@JsonPropertyOrder({"id", "source", "startedAt", "completedAt", "blocks", "samples", "minTime", "maxTime",
        "minTimeMs", "maxTimeMs", "storedBytes", "restoreBytes", "prometheusUrl", "prometheusVersion", "hostname",
        "toolVersion", "composedBlocks", "composedSavedBytes"})
public record BackupSummary(String id, String source, Instant startedAt, Instant completedAt, int blocks, long samples,
                            Instant minTime, Instant maxTime, Long minTimeMs, Long maxTimeMs, long storedBytes,
                            long restoreBytes, String prometheusUrl, String prometheusVersion, String hostname,
                            String toolVersion, int composedBlocks, long composedSavedBytes) {

    public static BackupSummary of(Manifest m) {
        boolean empty = m.blocks().isEmpty();
        return new BackupSummary(m.backupId(), m.source().name(), m.startedAt(), m.completedAt(), m.blocks().size(),
                m.totalSamples(),
                empty ? null : Instant.ofEpochMilli(m.minTime()),
                empty ? null : Instant.ofEpochMilli(m.maxTime()),
                empty ? null : m.minTime(),
                empty ? null : m.maxTime(),
                m.totalStoredSize(), m.totalFilesSize(), m.source().prometheusUrl(), m.source().prometheusVersion(),
                m.source().hostname(), m.toolVersion(), m.composedBlocks().size(), m.composedSavedSize());
    }
}
