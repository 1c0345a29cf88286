package io.promdr.core.testing;

import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryProvider;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Batch infrastructure the CLI provides in production, for tests: a JDBC job repository on an
 * embedded H2 database with Spring Batch's schema, its transaction manager, the JobOperator of
 * {@code @EnableBatchProcessing}, and a {@link RepositoryProvider} each test points at its own
 * repository. Shared by the job modules' tests, which put {@code com.h2database:h2} on their test
 * classpath.
 */
@Configuration
@EnableBatchProcessing
@EnableJdbcJobRepository
public class BatchTestConfiguration {

    @Bean
    DataSource dataSource() {
        return new EmbeddedDatabaseBuilder()
                .setType(EmbeddedDatabaseType.H2)
                .generateUniqueName(true)
                .addScript("org/springframework/batch/core/schema-h2.sql")
                .build();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    TestRepositories repositoryProvider() {
        return new TestRepositories();
    }

    /** A provider whose repository each test chooses; opening before a choice is a test bug. */
    public static final class TestRepositories implements RepositoryProvider {
        private final AtomicReference<RepositoryProvider> current = new AtomicReference<>();

        public void use(RepositoryProvider provider) {
            current.set(provider);
        }

        @Override
        public Repository open() throws IOException {
            RepositoryProvider provider = current.get();
            if (provider == null) {
                throw new IllegalStateException("the test did not choose a repository");
            }
            return provider.open();
        }
    }
}
