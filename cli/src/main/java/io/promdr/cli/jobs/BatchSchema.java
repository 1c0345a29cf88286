package io.promdr.cli.jobs;

import io.promdr.core.batch.JdbcTables;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Creates the Spring Batch tables when they are missing, with the DDL that spring-batch-core
 * ships ({@code schema-h2.sql}, {@code schema-postgresql.sql}). Checking first makes it
 * idempotent across runs; the DDL itself has no IF NOT EXISTS.
 */
final class BatchSchema {
    static final String PROBE_TABLE = "BATCH_JOB_INSTANCE";

    private BatchSchema() {
    }

    static void ensure(DataSource dataSource) {
        try {
            String platform;
            try (Connection connection = dataSource.getConnection()) {
                platform = platform(connection.getMetaData().getDatabaseProductName());
                if (JdbcTables.exists(connection, PROBE_TABLE)) {
                    return;
                }
            }
            ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                    new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
            populator.execute(dataSource);
        } catch (SQLException | RuntimeException e) {
            throw new PromdrException(ErrorCode.JOB_REPOSITORY_UNAVAILABLE,
                    "cannot create the job history tables in the job repository database: " + e.getMessage(),
                    "check that the jobRepository user may create tables, or create them with Spring Batch's schema script", e);
        }
    }

    private static String platform(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return "h2";
        }
        if (name.contains("postgres")) {
            return "postgresql";
        }
        throw new PromdrException(ErrorCode.CONFIG_INVALID, "job repository database " + productName + " is not supported",
                "use PostgreSQL, or leave jobRepository unset for the embedded database");
    }
}
