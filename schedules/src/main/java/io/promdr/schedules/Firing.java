package io.promdr.schedules;

import java.time.Instant;

/**
 * One firing of a schedule.
 *
 * @param scheduledAt when the cron expression said to run (identical on every replica: the key of a firing)
 * @param firedAt     when the scheduler actually started it (later after a misfire or a recovery)
 * @param recovering  true when this replica re-runs a firing whose replica died mid-run
 * @param instanceId  the scheduler instance running it
 */
public record Firing(Instant scheduledAt, Instant firedAt, boolean recovering, String instanceId) {
}
