package io.promdr.schedules.quartz;

import io.promdr.core.batch.JdbcTables;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Creates Quartz' tables ({@code QRTZ_*}) in the job repository database when they are missing,
 * in the connection's current schema, next to Spring Batch's tables. The DDL is Quartz' own
 * (tables_postgres.sql, tables_h2.sql of quartz 2.5) shipped without its DROP statements.
 *
 * <p>On PostgreSQL the check and the creation run in one transaction under an advisory lock,
 * so that replicas starting together create the tables once (PostgreSQL DDL is transactional).
 */
public final class QuartzSchema {
    static final String PROBE_TABLE = "QRTZ_LOCKS";
    /** An arbitrary constant: the advisory lock key of "promdr creates the Quartz tables". */
    private static final long ADVISORY_LOCK_KEY = 0x70726f6d6472L;

    private QuartzSchema() {
    }

    /** The database product of the data source: POSTGRESQL or H2. */
    public enum Platform { POSTGRESQL, H2 }

    public static Platform ensure(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Platform platform = platform(connection.getMetaData().getDatabaseProductName());
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (platform == Platform.POSTGRESQL) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
                    }
                }
                if (!JdbcTables.exists(connection, PROBE_TABLE)) {
                    String script = platform == Platform.POSTGRESQL ? "quartz-postgresql.sql" : "quartz-h2.sql";
                    ScriptUtils.executeSqlScript(connection, new ClassPathResource("io/promdr/schedules/" + script));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return platform;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof PromdrException p) {
                throw p;
            }
            throw new PromdrException(ErrorCode.SCHEDULER_STORE_UNAVAILABLE,
                    "cannot create the scheduler tables (QRTZ_*) in the job repository database: " + e.getMessage(),
                    "check that the jobRepository user may create tables, or create them with docs/scheduling.md's DDL", e);
        }
    }

    private static Platform platform(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return Platform.POSTGRESQL;
        }
        if (name.contains("h2")) {
            return Platform.H2;
        }
        throw new PromdrException(ErrorCode.SCHEDULER_STORE_UNAVAILABLE, "scheduler database " + productName + " is not supported",
                "use PostgreSQL, or leave jobRepository unset for the embedded database");
    }
}
