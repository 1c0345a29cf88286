package io.promdr.core.store;

import java.time.Instant;

/** A committed object: its key (relative to the store root), size in bytes, last modification time. */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
