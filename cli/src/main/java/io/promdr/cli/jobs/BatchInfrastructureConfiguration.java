package io.promdr.cli.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.promdr.cli.config.Settings;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Spring Batch on a JDBC job repository: the {@code JobRepository} and {@code JobOperator} come
 * from the annotations, the DataSource (with its schema ensured) and transaction manager from here.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository
class BatchInfrastructureConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Settings settings) {
        HikariDataSource dataSource = JobRepositoryDataSource.open(settings.jobRepository(), settings.stateDir());
        try {
            BatchSchema.ensure(dataSource);
            return dataSource;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
