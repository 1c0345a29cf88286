package io.promdr.schedules.quartz;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Lends Quartz' job store the connections of promdr's own pool; the pool's owner closes it. */
final class DataSourceConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The data source belongs to the caller of QuartzSchedulers.create.
    }

    @Override
    public void initialize() {
    }
}
