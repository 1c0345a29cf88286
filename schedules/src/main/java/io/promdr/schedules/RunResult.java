package io.promdr.schedules;

/**
 * What one scheduled run produced, for the scheduler's metrics and log.
 *
 * @param backupId the backup written or checked; null when there is none
 * @param bytes    bytes the run moved (uploaded by a backup, restored by a drill); 0 when not meaningful
 * @param summary  one line for the log
 */
public record RunResult(String backupId, long bytes, String summary) {
}
