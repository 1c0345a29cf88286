package io.promdr.cli.jobs;

import io.promdr.backup.BackupJobConfiguration;
import io.promdr.restore.RestoreJobConfiguration;
import io.promdr.restore.drill.DrillJobConfiguration;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Past runs from the Spring Batch job repository, newest first. The job repository is a
 * convenience (DESIGN: object storage is the truth): a CronJob pod on the embedded database keeps
 * no history, the PostgreSQL one does.
 *
 * <p>It reads the parameters and context values the jobs record: {@code source}, the backup id
 * ({@code backupId} of a backup, {@code backup} of a restore or drill) and the bytes moved
 * ({@code bytesUploaded}, {@code bytesDownloaded}, {@code downloadedBytes}).
 */
public final class JobHistory {
    /** The job kinds promdr runs; history shows these only. */
    public static final List<String> JOBS = List.of(BackupJobConfiguration.JOB_NAME, RestoreJobConfiguration.JOB_NAME,
            DrillJobConfiguration.JOB_NAME);
    private static final Map<String, String> BACKUP_PARAMETER = Map.of("backup", "backupId", "restore", "backup", "drill", "backup");
    private static final Map<String, String> BYTES_KEY = Map.of("backup", "bytesUploaded", "restore", "bytesDownloaded",
            "drill", "downloadedBytes");

    private final JobRepository repository;
    /** Spring Batch stores local date-times; they were written in this JVM's zone. */
    private final ZoneId zone;

    JobHistory(JobRepository repository, ZoneId zone) {
        this.repository = repository;
        this.zone = zone;
    }

    /**
     * @param job    one of {@link #JOBS}, or null for all
     * @param source only runs of this source, or null for all
     * @param limit  at most this many runs
     */
    public List<JobRun> runs(String job, String source, int limit) {
        List<JobRun> runs = new ArrayList<>();
        for (String name : job == null ? JOBS : List.of(job)) {
            int start = 0;
            // Pages of instances, newest first, until enough runs of the source are found.
            while (true) {
                List<JobInstance> instances = repository.getJobInstances(name, start, 100);
                for (JobInstance instance : instances) {
                    for (JobExecution execution : repository.getJobExecutions(instance)) {
                        JobRun run = run(name, execution);
                        if (source == null || source.equals(run.source())) {
                            runs.add(run);
                        }
                    }
                }
                if (instances.size() < 100 || runs.size() >= limit * JOBS.size()) {
                    break;
                }
                start += 100;
            }
        }
        return runs.stream().sorted(Comparator.comparing(JobRun::id).reversed()).limit(limit).toList();
    }

    private JobRun run(String job, JobExecution e) {
        ExecutionContext context = e.getExecutionContext();
        String bytesKey = BYTES_KEY.get(job);
        Long bytes = bytesKey != null && context.containsKey(bytesKey) ? ((Number) context.get(bytesKey)).longValue() : null;
        String backupParameter = BACKUP_PARAMETER.get(job);
        Long duration = e.getStartTime() != null && e.getEndTime() != null
                ? Duration.between(e.getStartTime(), e.getEndTime()).toMillis() : null;
        String exit = e.getExitStatus() == null || e.getStatus().name().equals("COMPLETED") ? null : firstLine(e.getExitStatus().getExitDescription());
        return new JobRun(e.getId(), job, e.getStatus().name(), e.getJobParameters().getString("source"),
                backupParameter == null ? null : e.getJobParameters().getString(backupParameter),
                instant(e.getStartTime()), instant(e.getEndTime()), duration, bytes, exit);
    }

    private java.time.Instant instant(LocalDateTime t) {
        return t == null ? null : t.atZone(zone).toInstant();
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
