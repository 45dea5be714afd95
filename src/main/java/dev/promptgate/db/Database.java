package dev.promptgate.db;

import dev.promptgate.api.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/** Plain JDBC for the tables that need it (arrays, cursors, COPY), with database outages reported as 503. */
@ApplicationScoped
public class Database {

    /** What a 503 for an unavailable database tells the client to wait, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 30;

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
            throw unavailable("The database is unavailable");
        }
    }

    public static RuntimeException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (isUnavailable(state)) {
            return unavailable("The database is unavailable");
        }
        return new IllegalStateException("Event query failed", e);
    }

    /** Connection failures, shutdowns and exhaustion: the database cannot take the work now, but will. */
    public static boolean isUnavailable(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P");
    }

    /** Whether a failure, or any of its causes, is the database being unreachable (not a bad statement). */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException.Unavailable
                    || cause instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && isUnavailable(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public static ProblemException.Unavailable unavailable(String detail) {
        return new ProblemException.Unavailable(detail, RETRY_AFTER_SECONDS);
    }
}
