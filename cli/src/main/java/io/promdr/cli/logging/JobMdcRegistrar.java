package io.promdr.cli.logging;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds the {@link JobMdcListener} to every job of the context, without the job definitions
 * (backup-jobs, restore) knowing about the CLI's logging.
 */
public final class JobMdcRegistrar implements BeanPostProcessor {
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobMdcListener());
        }
        return bean;
    }
}
