package io.promdr.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

import io.promdr.core.snapshot.SnapshotAccess;
import java.util.Optional;

/**
 * A JVM shutdown hook that removes the snapshot of one running backup when the process is stopped
 * (SIGTERM from a CronJob deadline or a pod eviction, SIGINT from Ctrl-C): the JVM then exits
 * without finishing the job, so {@link RemoveSnapshot}'s step and listener never run, and
 * Prometheus never deletes snapshots itself.
 *
 * <p>Registered for the whole job, it reads the snapshot name when it runs: nothing to do before
 * {@link TakeSnapshot} recorded one, or after the snapshot was removed. It never throws and only
 * deletes one directory, so it does not hold up the exit.
 */
final class SnapshotRemovalOnShutdown {
    private static final Logger log = LoggerFactory.getLogger(SnapshotRemovalOnShutdown.class);

    private final Thread hook;

    private SnapshotRemovalOnShutdown(Thread hook) {
        this.hook = hook;
    }

    /**
     * Registers the hook of {@code execution}.
     *
     * @throws IllegalStateException when the JVM is already shutting down: the job must not take a snapshot then
     */
    static SnapshotRemovalOnShutdown register(JobExecution execution, SnapshotAccess access) {
        Thread hook = new Thread(() -> run(execution, access), "promdr-snapshot-removal-" + execution.getId());
        Runtime.getRuntime().addShutdownHook(hook);
        return new SnapshotRemovalOnShutdown(hook);
    }

    /** Removes the hook once the job has ended; a no-op when the JVM is already running its hooks. */
    void deregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: it removed the snapshot if the job had not.
        }
    }

    private static void run(JobExecution execution, SnapshotAccess access) {
        try {
            BackupJobContext context = new BackupJobContext(execution);
            Optional<String> removed = RemoveSnapshot.remove(context, access);
            if (removed.isPresent()) {
                log.warn(context.manifest().isPresent()
                                ? "promdr stopped after the backup committed its manifest: removed snapshot directory {}"
                                : "Backup interrupted, no manifest was committed: removed snapshot directory {}",
                        removed.get());
            }
        } catch (RuntimeException | Error e) {
            // An exception would only print a stack trace in the middle of the exit.
            log.warn("Could not remove the snapshot of interrupted job execution {}: {}", execution.getId(), e.toString());
        }
    }
}
