package io.promdr.restore;

import java.nio.file.Path;

/**
 * One restore to plan or run.
 *
 * @param backup  full backup id, unique prefix, or "latest"
 * @param source  restrict "latest" and prefixes to one source, or null for all
 * @param target  directory that receives the blocks (created when missing)
 * @param fromMs  restore only blocks that overlap [fromMs, untilMs); null for unbounded
 * @param merge   add blocks to a non-empty target, skipping ULIDs already present
 * @param force   allow a non-empty target and replace blocks whose ULID is already present
 * @param dryRun  plan only, change nothing
 */
public record RestoreRequest(String backup, String source, Path target, Long fromMs, Long untilMs,
                             boolean merge, boolean force, boolean dryRun) {
}
