import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The throwaway PostgreSQL of the console and ingest benchmarks (bench/lib/server.sh starts it), as their programs
 * read it: a connection, a count, a group's id, the enrollment token's id. Compiled with each program by {@code bench_java}.
 */
final class BenchDatabase {

    private final String jdbcUrl;

    BenchDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    /** The one number {@code sql} selects. */
    long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The id of the policy group with this name. */
    String groupId(String name) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement("select id from policy_group where name = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return Long.toString(result.getLong(1));
            }
        }
    }

    /** The id of the newest enrollment token: the one the benchmark's run.sh made. */
    long enrollmentTokenId() throws SQLException {
        return count("select id from api_token where kind = 'ENROLLMENT' order by id desc limit 1");
    }
}
