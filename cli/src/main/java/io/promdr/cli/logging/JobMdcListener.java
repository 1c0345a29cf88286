package io.promdr.cli.logging;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Puts the job execution id and name, and the source and backup id of the job parameters, into
 * the MDC while a job runs, so that every log line of it names them (jobs run in the calling
 * thread). A backup id the command resolved already (restore of "latest") is kept.
 */
final class JobMdcListener implements JobExecutionListener {

    @Override
    public void beforeJob(JobExecution execution) {
        LogKeys.put(LogKeys.JOB_ID, String.valueOf(execution.getId()));
        LogKeys.put(LogKeys.JOB, execution.getJobInstance().getJobName());
        JobParameters parameters = execution.getJobParameters();
        if (MDC.get(LogKeys.SOURCE) == null) {
            LogKeys.put(LogKeys.SOURCE, parameters.getString("source"));
        }
        if (MDC.get(LogKeys.BACKUP_ID) == null) {
            LogKeys.put(LogKeys.BACKUP_ID, parameters.getString("backupId"));
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        MDC.remove(LogKeys.JOB_ID);
        MDC.remove(LogKeys.JOB);
    }
}
