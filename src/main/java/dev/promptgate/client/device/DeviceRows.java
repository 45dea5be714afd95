package dev.promptgate.client.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link DeviceHealth} reads the {@code device} table: a list filter as SQL conditions, whether a browser
 * enforces the current policy, a row as an admin's {@link DeviceHealth.DeviceView}, and counts by one column.
 */
final class DeviceRows {

    /** A browser enforces the current policy when it reported what it was served, at the current revision. */
    static final String CURRENT =
            "(policy_version is not null and policy_version = served_policy_version and policy_revision = ?)";

    private DeviceRows() {}

    /** Adds the filter's conditions to {@code sql}. */
    static Sql where(Sql sql, DeviceHealth.DeviceFilter filter, Long currentRevision) {
        if (Boolean.TRUE.equals(filter.stalePolicy())) {
            sql.require("not " + CURRENT, currentRevision);
        } else if (Boolean.FALSE.equals(filter.stalePolicy())) {
            sql.require(CURRENT, currentRevision);
        }
        if (filter.outdatedThan() != null) {
            sql.require(
                    "string_to_array(extension_version, '.')::int[] < string_to_array(?, '.')::int[]",
                    filter.outdatedThan());
        }
        if (Boolean.TRUE.equals(filter.errors())) {
            sql.require("(last_sync_error is not null or skipped_count > 0)");
        } else if (Boolean.FALSE.equals(filter.errors())) {
            sql.require("(last_sync_error is null and skipped_count = 0)");
        }
        if (filter.notSeenDays() != null) {
            sql.require("last_seen < now() - make_interval(days => ?)", filter.notSeenDays());
        }
        sql.filter("browser = ?", filter.browser());
        return sql;
    }

    /** The row the result set is on, as admins see it. */
    static DeviceHealth.DeviceView view(ResultSet row, Long currentRevision, ObjectMapper json) throws SQLException {
        String policy = row.getString("policy_version");
        Long revision = row.getObject("policy_revision", Long.class);
        boolean current = policy != null
                && policy.equals(row.getString("served_policy_version"))
                && revision != null
                && revision.equals(currentRevision);
        return new DeviceHealth.DeviceView(
                row.getString("device_id"),
                row.getString("browser"),
                row.getString("browser_version"),
                row.getString("extension_version"),
                row.getString("identity_mode"),
                policy,
                current,
                row.getInt("skipped_count"),
                skipped(json, row.getString("skipped")),
                row.getInt("tenant_restriction_rules"),
                row.getString("last_sync_error"),
                instant(row, "last_sync_at"),
                instant(row, "first_seen"),
                instant(row, "last_seen"));
    }

    /**
     * How many browsers have each value of {@code column}, most common first, and how many of those enforce the
     * current policy (every value of the first map is a key of the second, with 0 where none does).
     */
    static Counts counts(Connection connection, String column, Long currentRevision) throws SQLException {
        Map<String, Long> all = new LinkedHashMap<>();
        Map<String, Long> enforcing = new LinkedHashMap<>();
        // The column name is one of two constants, never input.
        try (PreparedStatement statement = new Sql("select " + column + ", count(*), count(*) filter (where " + CURRENT
                                + ") from device group by 1 order by 2 desc, 1")
                        .params(currentRevision)
                        .prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                all.put(rows.getString(1), rows.getLong(2));
                enforcing.put(rows.getString(1), rows.getLong(3));
            }
        }
        return new Counts(all, enforcing);
    }

    /** Browsers per value of a column, all of them and those enforcing the current policy. */
    record Counts(Map<String, Long> all, Map<String, Long> enforcing) {}

    /** The {@code skipped} column's JSON for these rules. */
    static String skipped(ObjectMapper json, List<Heartbeat.SkippedRule> skipped) {
        try {
            return json.writeValueAsString(skipped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of records always serializes", e);
        }
    }

    private static List<Heartbeat.SkippedRule> skipped(ObjectMapper json, String text) {
        try {
            return List.of(json.readValue(text, Heartbeat.SkippedRule[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The skipped column holds what skipped(json, rules) wrote", e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A timestamp column's value for this instant. */
    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
