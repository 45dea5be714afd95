package dev.promptgate.events;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/** Plain JDBC for the event tables (arrays, cursors), with database outages reported as 503. */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T call(Work<T> work) {
        try (Connection connection = connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw EventWriter.unavailable("The database is unavailable");
        }
    }

    public static RuntimeException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (EventWriter.isUnavailable(state)) {
            return EventWriter.unavailable("The database is unavailable");
        }
        return new IllegalStateException("Event query failed", e);
    }
}
