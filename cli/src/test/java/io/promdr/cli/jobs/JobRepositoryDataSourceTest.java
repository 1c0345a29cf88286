package io.promdr.cli.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.promdr.cli.config.JobRepositoryConfig;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded job database under the state directory, and the idempotent schema setup. */
class JobRepositoryDataSourceTest {
    @TempDir
    Path stateDir;

    @Test
    void embeddedDatabaseLivesUnderTheStateDirAndKeepsItsSchemaAcrossRuns() throws Exception {
        try (HikariDataSource first = JobRepositoryDataSource.open(null, stateDir)) {
            BatchSchema.ensure(first);
            BatchSchema.ensure(first);
            try (Connection c = first.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'x', 'k')");
            }
        }
        assertThat(Files.list(stateDir.resolve("job-repository")).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("promdr.") && name.endsWith(".db"));

        try (HikariDataSource second = JobRepositoryDataSource.open(null, stateDir)) {
            BatchSchema.ensure(second);
            try (Connection c = second.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")) {
                rs.next();
                assertThat(rs.getInt(1)).as("rows survive, the schema was not recreated").isEqualTo(1);
            }
            try (Connection c = second.getConnection()) {
                for (String table : new String[] {"BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS", "BATCH_STEP_EXECUTION",
                        "BATCH_STEP_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_CONTEXT"}) {
                    assertThat(io.promdr.core.batch.JdbcTables.exists(c, table)).as(table).isTrue();
                }
            }
        }
    }

    @Test
    void unreachableDatabaseIsReportedWithoutThePassword() {
        JobRepositoryConfig config = new JobRepositoryConfig("jdbc:postgresql://127.0.0.1:1/promdr?connectTimeout=2",
                "promdr", "very-secret-password");
        assertThatThrownBy(() -> JobRepositoryDataSource.open(config, stateDir))
                .isInstanceOfSatisfying(PromdrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.JOB_REPOSITORY_UNAVAILABLE);
                    assertThat(e.getMessage()).startsWith("job repository jdbc:postgresql://127.0.0.1:1/promdr?... cannot be opened");
                    assertThat(e.userMessage()).doesNotContain("very-secret-password").doesNotContain("connectTimeout");
                });
    }
}
