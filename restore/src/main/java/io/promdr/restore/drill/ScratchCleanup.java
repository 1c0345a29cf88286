package io.promdr.restore.drill;

import io.promdr.core.fs.FileTrees;
import io.promdr.core.fs.RunDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes the scratch directory after every drill, failed ones included, and also when the
 * process is stopped during the drill (SIGTERM from a CronJob deadline, Ctrl-C): a JVM shutdown
 * hook, registered for the length of the job, removes it then. A drill leaves nothing behind.
 */
final class ScratchCleanup implements JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(ScratchCleanup.class);

    private final Map<Long, Thread> hooks = new ConcurrentHashMap<>();

    @Override
    public void beforeJob(JobExecution execution) {
        Thread hook = new Thread(() -> remove(execution, true), "promdr-drill-cleanup-" + execution.getId());
        Runtime.getRuntime().addShutdownHook(hook);
        hooks.put(execution.getId(), hook);
    }

    @Override
    public void afterJob(JobExecution execution) {
        Thread hook = hooks.remove(execution.getId());
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook removes the directory
            }
        }
        remove(execution, false);
    }

    private static void remove(JobExecution execution, boolean stopped) {
        try {
            Optional<Path> scratch = new DrillJobContext(execution).scratchDir();
            if (scratch.isEmpty() || !Files.exists(scratch.get())) {
                return;
            }
            // A second pass catches what a Prometheus being killed at the same moment wrote during the first.
            FileTrees.deleteQuietly(scratch.get());
            FileTrees.deleteQuietly(scratch.get());
            RunDirectories.release(scratch.get());
            if (Files.exists(scratch.get())) {
                log.warn("Could not remove the drill's scratch directory {}: delete it by hand", scratch.get());
            } else if (stopped) {
                log.warn("Drill interrupted: removed its scratch directory {}", scratch.get());
            } else {
                log.info("Removed scratch directory {}", scratch.get());
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove the scratch directory of drill execution {}: {}", execution.getId(), e.toString());
        }
    }
}
