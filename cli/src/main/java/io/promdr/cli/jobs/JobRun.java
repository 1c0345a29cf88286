package io.promdr.cli.jobs;

import java.time.Instant;

/**
 * One past run of a job, as {@code promdr history} shows it (docs/cli.md, "history -o json").
 *
 * @param id         the job execution id in the job repository
 * @param job        backup, restore, drill
 * @param status     Spring Batch's status: COMPLETED, FAILED, STARTED (running, or its process died), STOPPED, ...
 * @param source     the source it worked on; null when not recorded
 * @param backupId   the backup written (backup) or asked for (restore, drill: may be "latest"); null when none
 * @param startedAt  null when it never started
 * @param endedAt    null while running, or when its process died
 * @param durationMs null without an end
 * @param bytes      bytes uploaded (backup) or downloaded (restore, drill); null when not recorded
 * @param exitMessage the first line of the failure, for failed runs; else null
 */
public record JobRun(long id, String job, String status, String source, String backupId, Instant startedAt, Instant endedAt,
                     Long durationMs, Long bytes, String exitMessage) {
}
