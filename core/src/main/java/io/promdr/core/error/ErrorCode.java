package io.promdr.core.error;

/**
 * The one registry of promdr's failure kinds and their process exit codes.
 *
 * <p>Exit codes are part of the CLI contract (docs/exit-codes.md): never renumber an entry,
 * only add new ones. Codes group by the thing at fault so scripts can branch on them.
 */
public enum ErrorCode {
    /** Bad command line or configuration value. */
    USAGE(2),
    CONFIG_INVALID(3),

    PROMETHEUS_UNREACHABLE(10),
    PROMETHEUS_ADMIN_API_DISABLED(11),
    PROMETHEUS_SNAPSHOT_FAILED(12),
    DATA_DIR_INVALID(13),
    /** The Pushgateway does not answer (connection refused, unknown host, timeout). */
    PUSHGATEWAY_UNREACHABLE(14),
    /** The Pushgateway answered with an error (bad credentials, inconsistent metrics, wrong URL). */
    PUSHGATEWAY_REJECTED(15),
    /** Prometheus (or the proxy in front of it) answered 401/403: credentials missing, wrong or not allowed. */
    PROMETHEUS_AUTH_FAILED(16),
    /** The TLS handshake with Prometheus failed: unknown CA, host name mismatch, expired certificate, not TLS. */
    PROMETHEUS_TLS_FAILED(17),

    REPOSITORY_NOT_INITIALISED(20),
    REPOSITORY_ALREADY_INITIALISED(21),
    REPOSITORY_UNREACHABLE(22),
    BUCKET_NOT_FOUND(23),
    ACCESS_DENIED(24),
    REPOSITORY_FORMAT_UNSUPPORTED(25),
    MANIFEST_UNREADABLE(26),
    BACKUP_NOT_FOUND(27),
    OBJECT_MISSING(28),
    /** The TLS handshake with the S3 endpoint failed: unknown CA, host name mismatch, expired certificate, not TLS. */
    REPOSITORY_TLS_FAILED(29),

    CHECKSUM_MISMATCH(30),
    ARCHIVE_UNSAFE(31),
    /** A restore drill ran and at least one of its checks failed (the report names the block and the check). */
    DRILL_FAILED(32),
    /** {@code promdr verify} found a missing, resized or damaged object. */
    VERIFY_FAILED(33),
    /** The drill's scratch directory cannot be used: not a writable directory, or too little free space. */
    DRILL_SCRATCH_INVALID(34),
    /** The drill's query check needs a Prometheus binary and none was found or it cannot run. */
    DRILL_PROMETHEUS_NOT_FOUND(35),

    RESTORE_TARGET_NOT_EMPTY(40),
    RESTORE_TARGET_INVALID(41),
    /** The restore target's file system has not enough room for the restore (checked before downloading, and on ENOSPC). */
    RESTORE_TARGET_FULL(42),

    JOB_FAILED(50),
    /** The job history database (embedded H2 or PostgreSQL) cannot be opened or prepared. */
    JOB_REPOSITORY_UNAVAILABLE(51),

    /** Another prune holds the repository's exclusive lock (docs/repository-format.md, "Locks"). */
    REPOSITORY_LOCKED(60),
    /** The retention policy has no rule: prune refuses it unless --allow-empty-policy is given. */
    RETENTION_POLICY_EMPTY(61),
    /** A backup or prune could not refresh its lock in time, so it stopped before it could do harm. */
    LOCK_LOST(62),
    INTERNAL(70),

    /** The Kubernetes API cannot be reached, or no kubeconfig / in-cluster service account is usable. */
    KUBERNETES_UNREACHABLE(80),
    /** The Kubernetes API refused a call (RBAC): the message names the verb and resource. */
    KUBERNETES_FORBIDDEN(81),
    /** No Prometheus pod matches the source's namespace and selector, or none of them is ready. */
    PROMETHEUS_PODS_NOT_FOUND(82),
    /** A command run in the Prometheus container through the exec API failed (no tar, permission denied, exit code). */
    KUBERNETES_EXEC_FAILED(83),
    /** A VolumeSnapshot reports status.error (the CSI driver or snapshot controller failed). */
    VOLUME_SNAPSHOT_FAILED(84),
    /** A VolumeSnapshot, PVC, Pod or Job did not become ready within its timeout. */
    KUBERNETES_TIMEOUT(85),
    /** A named Kubernetes object (PVC, VolumeSnapshot, StatefulSet) does not exist. */
    KUBERNETES_OBJECT_NOT_FOUND(86),
    /** The restore Job promdr created in the cluster failed. */
    KUBERNETES_JOB_FAILED(87),
    /** The object promdr would create exists already (a PVC to restore into): nothing is overwritten. */
    KUBERNETES_OBJECT_EXISTS(88),

    /** A {@code schedules:} entry is invalid: cron expression, time zone, name or parameters. */
    SCHEDULE_INVALID(90),
    /** A schedule names a source that is not configured. */
    SCHEDULE_SOURCE_UNKNOWN(91),
    /** A schedule names a job kind promdr cannot schedule. */
    SCHEDULE_JOB_UNKNOWN(92),
    /** No schedule of that name, or no schedules configured at all. */
    SCHEDULE_NOT_FOUND(93),
    /** The scheduler's metrics and health endpoint cannot listen on its address and port. */
    SCHEDULER_PORT_UNAVAILABLE(94),
    /** The scheduler's store (Quartz tables in the job repository database) cannot be created or used. */
    SCHEDULER_STORE_UNAVAILABLE(95),
    /** A schedule cannot be rendered as a Kubernetes CronJob (Quartz-only cron, missing image). */
    SCHEDULE_NOT_RENDERABLE(96),

    /** {@code promdr doctor} found at least one failed check: something that would make a backup fail. */
    DOCTOR_FAILED(100),
    /** A destructive action (restore --force) was not confirmed: declined at the prompt, or no --yes without a terminal. */
    NOT_CONFIRMED(101),
    /** A directory promdr was asked to write files into (man --dir) is unusable, or a file there exists (no --force). */
    OUTPUT_DIR_INVALID(102),

    /** The repository is encrypted and no key is configured (or the configured file or variable holds none). */
    ENCRYPTION_KEY_MISSING(110),
    /** The configured key is not the repository's key (its key check value differs). */
    ENCRYPTION_KEY_WRONG(111),
    /** The configured key is not a 256-bit key in an accepted form, or its file cannot be read. */
    ENCRYPTION_KEY_INVALID(112),
    /** A key is configured for a repository that is not encrypted: promdr would not encrypt anything with it. */
    ENCRYPTION_NOT_ENABLED(113),
    /** The launcher script (cli/src/main/dist/promdr) found no Java runtime. Raised by the script, never by Java. */
    LAUNCHER_JAVA_NOT_FOUND(120),
    /** The launcher script found no promdr.jar (PROMDR_JAR, or next to the script). */
    LAUNCHER_JAR_NOT_FOUND(121),
    /** {@code promdr --launcher-prepare} could not write the start-up cache (extracted jar, class-data archive). */
    LAUNCHER_CACHE_UNAVAILABLE(122);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
