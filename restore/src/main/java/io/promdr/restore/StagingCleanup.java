package io.promdr.restore;

import io.promdr.core.fs.RunDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes the staging directory after every restore run, failed ones included: a restore leaves
 * either activated blocks or nothing. The one exception is a rollback that could not put a
 * replaced block back: the staging directory then holds the user's original block and is kept.
 */
final class StagingCleanup implements JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(StagingCleanup.class);

    @Override
    public void afterJob(JobExecution execution) {
        RestoreJobContext context = new RestoreJobContext(execution);
        Optional<Path> staging = context.stagingDir();
        if (staging.isEmpty()) {
            return;
        }
        if (context.mustKeepStaging()) {
            log.error("Keeping {}: it holds blocks a failed --force restore could not put back", staging.get());
            RunDirectories.release(staging.get());
            return;
        }
        try {
            if (FileSystemUtils.deleteRecursively(staging.get())) {
                log.info("Removed staging directory {}", staging.get());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove staging directory {} ({}): delete it by hand", staging.get(), e.toString());
        } finally {
            // After the deletion: another restore never removes a staging directory this run still uses.
            RunDirectories.release(staging.get());
        }
    }
}
