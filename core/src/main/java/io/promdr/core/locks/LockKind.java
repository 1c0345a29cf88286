package io.promdr.core.locks;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two kinds of repository lock (docs/repository-format.md, "Locks"). */
public enum LockKind {
    /** Held by every backup while it runs: many at once; it stops a prune from sweeping block objects. */
    @JsonProperty("shared") SHARED,
    /** Held by a prune: one at a time; a backup that sees one waits for it before it looks at block objects. */
    @JsonProperty("exclusive") EXCLUSIVE
}
