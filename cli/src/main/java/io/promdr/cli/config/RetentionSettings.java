package io.promdr.cli.config;

import io.promdr.backup.prune.RetentionRules;

/**
 * The resolved {@code retention:} settings.
 *
 * @param rules       the policies (default and per source), zone and grace period
 * @param afterBackup prune the source after each successful backup
 */
public record RetentionSettings(RetentionRules rules, boolean afterBackup) {
}
