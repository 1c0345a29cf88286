package io.promdr.backup.prune;

/**
 * What {@code promdr prune} was asked to do.
 *
 * @param source           the one source to apply retention to, or null for every source in the repository
 * @param rules            the policies, zone and grace period
 * @param dryRun           plan only: print every decision, delete nothing, take no lock
 * @param allowEmptyPolicy accept a policy without any rule (it keeps only pinned and newest backups)
 */
public record PruneRequest(String source, RetentionRules rules, boolean dryRun, boolean allowEmptyPolicy) {
}
