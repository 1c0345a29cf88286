package io.promdr.restore;

import java.time.Duration;

/** What a finished restore did. */
public record RestoreResult(RestorePlan plan, int blocksRestored, long bytesDownloaded, Duration duration) {
}
