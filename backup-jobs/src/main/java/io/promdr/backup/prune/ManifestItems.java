package io.promdr.backup.prune;

import io.promdr.core.model.Manifest;
import io.promdr.core.retention.BackupStatus;
import io.promdr.core.retention.RetentionItem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/** Turns manifests into what the retention engine sees: a committed manifest is a successful backup. */
final class ManifestItems {

    private static final DateTimeFormatter ID_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ManifestItems() {
    }

    /** When the backup started; the id carries the same time to the second for a manifest without startedAt. */
    static Instant timeOf(Manifest manifest) {
        if (manifest.startedAt() != null) {
            return manifest.startedAt();
        }
        return Instant.from(ID_STAMP.parse(manifest.backupId().substring(0, 16)));
    }

    static RetentionItem of(Manifest manifest, Set<String> pinnedIds) {
        // A manifest exists only for a complete backup: failed and running backups have none.
        return new RetentionItem(manifest.backupId(), timeOf(manifest), BackupStatus.SUCCESSFUL,
                pinnedIds.contains(manifest.backupId()), Map.of("source", manifest.source().name()));
    }
}
