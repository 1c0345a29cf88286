package io.promdr.cli.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.promdr.cli.config.JdbcUrls;
import io.promdr.cli.config.JobRepositoryConfig;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database of the Spring Batch job history: an embedded H2 file database under the state
 * directory by default, PostgreSQL when {@code jobRepository.url} is set. The history is a
 * convenience (the repository in object storage is the truth), so it lives where a CLI can always
 * write: no server needed for a laptop or a bare-metal host.
 */
final class JobRepositoryDataSource {
    /** One job at a time per process; a few connections cover the job and its listeners. */
    private static final int POOL_SIZE = 4;

    private JobRepositoryDataSource() {
    }

    /** Opens the pool and checks that the database answers, or raises a PromdrException naming it. */
    static HikariDataSource open(JobRepositoryConfig configured, Path stateDir) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("promdr-job-repository");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        String shown;
        if (configured == null) {
            Path dir = stateDir.resolve("job-repository");
            createDirectories(dir);
            // AUTO_SERVER would open a TCP port; FILE_LOCK=FILE (the default) makes a second promdr fail fast instead.
            config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("promdr").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sa");
            config.setPassword("");
            shown = "embedded database in " + dir;
        } else {
            config.setJdbcUrl(configured.url());
            config.setUsername(configured.username());
            config.setPassword(configured.password());
            shown = JdbcUrls.redact(configured.url());
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new PromdrException(ErrorCode.JOB_REPOSITORY_UNAVAILABLE,
                    "job repository " + shown + " cannot be opened: " + rootMessage(e),
                    configured == null
                            ? "another promdr may be running with the same --state-dir; wait for it or use another state dir"
                            : "check jobRepository.url, username and password, and that the database is running", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, "state directory " + dir + " cannot be created: " + e,
                    "pass --state-dir or set PROMDR_STATE_DIR to a writable directory", e);
        }
    }

    /** The innermost message: drivers wrap the useful one ("password authentication failed") deep down. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
