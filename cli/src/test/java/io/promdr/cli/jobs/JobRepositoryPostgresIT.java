package io.promdr.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's job repository on a real PostgreSQL (the one scripts/setup.sh starts): schema created
 * on first use and found on the next run, and one BATCH_JOB_EXECUTION row per backup.
 *
 * <p>Coordinates come from PROMDR_TEST_PG_URL, PROMDR_TEST_PG_USER and PROMDR_TEST_PG_PASSWORD,
 * which scripts/test.sh always sets. Without them the test fails: a skipped database test would
 * look like a passing one.
 */
class JobRepositoryPostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String baseUrl;
    private String user;
    private String password;
    /** A schema of this test alone, so runs never see each other's rows. */
    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        baseUrl = required("PROMDR_TEST_PG_URL");
        user = required("PROMDR_TEST_PG_USER");
        password = required("PROMDR_TEST_PG_PASSWORD");
        schema = "promdr_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void backupsAreRecordedInPostgres() throws Exception {
        TsdbTestData.Expected data = TsdbTestData.generate(dir.resolve("generated"), 5, 2, 60);
        PrometheusServer.backfill(data.blockDirs(), dir.resolve("prometheus-data"));
        String jdbcUrl = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        CliRunner cli = new CliRunner(Map.of(
                "HOME", dir.toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString(),
                "PROMDR_REPOSITORY", dir.resolve("repository").toString(),
                "PROMDR_JOB_REPOSITORY_URL", jdbcUrl,
                "PROMDR_JOB_REPOSITORY_USERNAME", user,
                "PROMDR_JOB_REPOSITORY_PASSWORD", password));

        List<Result> results = new ArrayList<>();
        try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus-data"))) {
            results.add(ok(cli.run("init")));
            // Twice: the first run creates the schema, the second must find it and not try again.
            for (int i = 0; i < 2; i++) {
                results.add(ok(cli.run("backup", "--prometheus", prometheus.baseUrl().toString(),
                        "--data-dir", prometheus.dataDir().toString())));
            }
        }
        JsonNode backups = JSON.readTree(ok(cli.run("list", "-o", "json")).out());
        assertThat(backups).hasSize(2);

        // Compared as sets: two backups within one second need not list in the order they ran.
        List<List<String>> executions = backupExecutions();
        assertThat(executions).containsExactlyInAnyOrder(
                List.of("COMPLETED", "COMPLETED", backups.get(0).path("id").asText()),
                List.of("COMPLETED", "COMPLETED", backups.get(1).path("id").asText()));
        // Nothing of the database password reaches the output, nor the embedded database under the state dir.
        for (Result r : results) {
            assertThat(r.all()).doesNotContain(password);
        }
        assertThat(dir.resolve("state/job-repository")).doesNotExist();
    }

    @Test
    void wrongPasswordIsAOneLineConfigErrorWithoutThePassword() {
        String wrong = "not-the-password-" + UUID.randomUUID();
        CliRunner cli = new CliRunner(Map.of(
                "HOME", dir.toString(),
                "PROMDR_REPOSITORY", dir.resolve("repository").toString(),
                "PROMDR_JOB_REPOSITORY_URL", baseUrl,
                "PROMDR_JOB_REPOSITORY_USERNAME", user,
                "PROMDR_JOB_REPOSITORY_PASSWORD", wrong));
        assertThat(cli.run("init").exitCode()).isZero();

        Result r = cli.run("backup", "--prometheus", "http://127.0.0.1:9", "--data-dir", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ErrorCode.JOB_REPOSITORY_UNAVAILABLE.exitCode());
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("error: job repository " + baseUrl.replaceAll("\\?.*", ""))
                .contains("password authentication failed").contains("hint: check jobRepository.url");
        assertThat(r.all()).doesNotContain(wrong).doesNotContain(password);
    }

    /** STATUS, EXIT_CODE and the backupId parameter of every backup job execution, oldest first. */
    private List<List<String>> backupExecutions() throws SQLException {
        String sql = """
                SELECT e.status, e.exit_code, p.parameter_value
                FROM %1$s.batch_job_execution e
                JOIN %1$s.batch_job_instance i ON i.job_instance_id = e.job_instance_id
                JOIN %1$s.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                WHERE i.job_name = 'backup' AND p.parameter_name = 'backupId'
                ORDER BY e.job_execution_id""".formatted(schema);
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(baseUrl, user, password);
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    private static Result ok(Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set: this test needs the PostgreSQL that scripts/setup.sh starts. "
                    + "Run scripts/test.sh, or export PROMDR_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/promdr_test "
                    + "PROMDR_TEST_PG_USER=promdr PROMDR_TEST_PG_PASSWORD=promdr-test-password");
        }
        return value;
    }
}
