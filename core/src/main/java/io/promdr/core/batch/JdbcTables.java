package io.promdr.core.batch;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Whether a table exists, for the schemas promdr creates itself (Spring Batch's and Quartz' tables). */
public final class JdbcTables {
    private JdbcTables() {
    }

    /** Looks in the connection's current schema; PostgreSQL folds unquoted names to lower case, H2 to upper. */
    public static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        for (String name : new String[] {table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
