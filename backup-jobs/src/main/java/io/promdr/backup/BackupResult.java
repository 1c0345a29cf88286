package io.promdr.backup;

import io.promdr.core.model.Manifest;

import java.time.Duration;

/** What a finished backup did: the committed manifest, and how many blocks and bytes it uploaded or found already stored. */
public record BackupResult(Manifest manifest, int blocksUploaded, int blocksReused, long bytesUploaded, Duration duration) {
}
