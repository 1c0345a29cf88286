package io.promdr.cli.logging;

import org.slf4j.MDC;

/**
 * The MDC keys every log line of a job carries (docs/cli.md, "Logs"): set by the command as
 * soon as it knows them and by {@link JobMdcListener} when a job starts; cleared after each run.
 */
public final class LogKeys {
    /** The Spring Batch job execution id: the same number as in the job history. */
    public static final String JOB_ID = "jobId";
    /** The job name: backup, restore, drill, ... */
    public static final String JOB = "job";
    public static final String SOURCE = "source";
    public static final String BACKUP_ID = "backupId";
    /** Whether a key was put since the last clear: clearing an untouched MDC would start logging for nothing. */
    private static volatile boolean used;

    private LogKeys() {
    }

    /** Puts a key unless the value is null (MDC refuses nothing, but a "null" string helps nobody). */
    public static void put(String key, String value) {
        if (value != null) {
            used = true;
            MDC.put(key, value);
        }
    }

    /**
     * Clears the keys of the run. Skipped when none was put: the MDC is logback's, and touching it
     * would configure logging (~0.3 CPU-s) after a command that never logs, such as {@code --version}.
     */
    public static void clear() {
        if (used) {
            MDC.clear();
            used = false;
        }
    }
}
