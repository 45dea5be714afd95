package dev.promptgate.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The SQL that stores events, in two ways with the same result (docs/adr/0007-event-storage.md).
 *
 * <p>{@link #copy} is the common case: the rows go in with COPY, PostgreSQL's bulk path, followed by the marks for
 * the rollup job and the acknowledgements, all in one transaction. COPY cannot skip rows that exist, so a batch
 * holding a stored event (a resend) fails with a unique violation on the primary key and is rolled back whole.
 *
 * <p>{@link #insertNew} is the exact way for that case: one {@code INSERT ... ON CONFLICT DO NOTHING} statement that
 * returns the rows it stored, marking days and recording acknowledgements in the same statement.
 */
final class EventLoader {

    static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "id, occurred_at, received_at, token_id, device_id, user_hash, user_name,"
            + " extension_version, type, service_key, host, action, guideline_version, groups, dlp_detector,"
            + " dlp_matches, dlp_trigger, dlp_outcome, dlp_justification, dlp_file_type, dlp_size_bucket";

    private static final String COPY = "copy client_event (" + COLUMNS + ") from stdin";

    private static final String MARK_AND_ACKNOWLEDGE =
            """
            with marked as (
              insert into event_rollup_pending (day) select unnest(?::date[])
            )
            insert into acknowledgement (guideline_version, subject, user_hash, user_name, device_id, groups,
                                         acknowledged_at, event_id)
            select guideline_version, coalesce(user_hash, 'device:' || device_id), user_hash, user_name, device_id,
                   groups::text[], acknowledged_at, event_id
            from unnest(?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::uuid[])
              as a(guideline_version, user_hash, user_name, device_id, groups, acknowledged_at, event_id)
            on conflict (guideline_version, subject) do update
              set user_hash = excluded.user_hash, user_name = excluded.user_name, device_id = excluded.device_id,
                  groups = excluded.groups, acknowledged_at = excluded.acknowledged_at, event_id = excluded.event_id
              where excluded.acknowledged_at > acknowledgement.acknowledged_at
            """;

    static final String INSERT_NEW =
            """
            with input as (
              select * from unnest(?::uuid[], ?::timestamptz[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                                   ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[],
                                   ?::text[], ?::int4[], ?::text[], ?::text[], ?::int2[], ?::text[], ?::text[])
                as x(id, occurred_at, token_id, device_id, user_hash, user_name, extension_version, type,
                     service_key, host, action, guideline_version, groups, dlp_detector, dlp_matches, dlp_trigger,
                     dlp_outcome, dlp_justification, dlp_file_type, dlp_size_bucket)
            ), stored as (
              insert into client_event (id, occurred_at, received_at, token_id, device_id, user_hash, user_name,
                                        extension_version, type, service_key, host, action, guideline_version, groups,
                                        dlp_detector, dlp_matches, dlp_trigger, dlp_outcome, dlp_justification,
                                        dlp_file_type, dlp_size_bucket)
              select id, occurred_at, now(), token_id, device_id, user_hash,
                     case when %s then user_name end,
                     extension_version, type, service_key, host, action, guideline_version, groups::text[],
                     dlp_detector, dlp_matches, dlp_trigger, dlp_outcome, dlp_justification, dlp_file_type,
                     dlp_size_bucket
              from input
              on conflict do nothing
              returning id, occurred_at, token_id, device_id, user_hash, user_name, type, guideline_version, groups
            ), marked as (
              insert into event_rollup_pending (day)
              select distinct (occurred_at at time zone 'UTC')::date from stored
            ), acknowledged as (
              insert into acknowledgement (guideline_version, subject, user_hash, user_name, device_id, groups,
                                           acknowledged_at, event_id)
              select distinct on (guideline_version, subject)
                     guideline_version, subject, user_hash, user_name, device_id, groups, occurred_at, id
              from (select *, coalesce(user_hash, 'device:' || device_id) as subject from stored
                    where type = 'acknowledged' and guideline_version is not null) a
              order by guideline_version, subject, occurred_at desc
              on conflict (guideline_version, subject) do update
                set user_hash = excluded.user_hash, user_name = excluded.user_name, device_id = excluded.device_id,
                    groups = excluded.groups, acknowledged_at = excluded.acknowledged_at, event_id = excluded.event_id
                where excluded.acknowledged_at > acknowledgement.acknowledged_at
            )
            select id, occurred_at, token_id from stored
            """
                    .formatted(EventSettings.IDENTIFIED_NOW);

    private EventLoader() {}

    /**
     * Stores all rows with COPY in one transaction and commits. Throws a unique violation, with nothing stored,
     * when any row is stored already (or appears twice).
     */
    static void copy(Connection connection, List<EventRow> rows, boolean keepNames) throws SQLException {
        connection.setAutoCommit(false);
        try {
            boolean names = keepNames && identifiedNow(connection);
            String receivedAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
            byte[] data = CopyText.of(rows, receivedAt, names);
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(data));
            markAndAcknowledge(connection, rows, names);
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            SQLException failure = e instanceof SQLException sql ? sql : new SQLException("COPY of events failed", e);
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException rollbackFailed) {
                failure.addSuppressed(rollbackFailed);
            }
            throw failure;
        }
        connection.setAutoCommit(true);
    }

    /** Stores the rows that are new, in one statement; returns their keys. */
    static Set<EventRow.Key> insertNew(Connection connection, List<EventRow> rows, boolean keepNames)
            throws SQLException {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] occurredAt = new String[n];
        Long[] tokenIds = new Long[n];
        String[] deviceIds = new String[n];
        String[] userHashes = new String[n];
        String[] userNames = new String[n];
        String[] versions = new String[n];
        String[] types = new String[n];
        String[] serviceKeys = new String[n];
        String[] hosts = new String[n];
        String[] actions = new String[n];
        Integer[] guidelineVersions = new Integer[n];
        String[] groups = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow row = rows.get(i);
            ids[i] = row.id();
            occurredAt[i] = row.occurredAt().toString();
            tokenIds[i] = row.tokenId();
            deviceIds[i] = row.deviceId();
            userHashes[i] = row.userHash();
            userNames[i] = keepNames ? row.userName() : null;
            versions[i] = row.extensionVersion();
            types[i] = row.type();
            serviceKeys[i] = row.serviceKey();
            hosts[i] = row.host();
            actions[i] = row.action();
            guidelineVersions[i] = row.guidelineVersion();
            groups[i] = CopyText.arrayLiteral(row.groups());
        }
        DlpColumns dlp = DlpColumns.of(rows);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            List<Array> arrays = List.of(
                    connection.createArrayOf("uuid", ids),
                    connection.createArrayOf("text", occurredAt),
                    connection.createArrayOf("int8", tokenIds),
                    connection.createArrayOf("text", deviceIds),
                    connection.createArrayOf("text", userHashes),
                    connection.createArrayOf("text", userNames),
                    connection.createArrayOf("text", versions),
                    connection.createArrayOf("text", types),
                    connection.createArrayOf("text", serviceKeys),
                    connection.createArrayOf("text", hosts),
                    connection.createArrayOf("text", actions),
                    connection.createArrayOf("int4", guidelineVersions),
                    connection.createArrayOf("text", groups));
            for (int i = 0; i < arrays.size(); i++) {
                insert.setArray(i + 1, arrays.get(i));
            }
            dlp.bind(connection, insert, arrays.size() + 1);
            Set<EventRow.Key> stored = new HashSet<>();
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    stored.add(new EventRow.Key(
                            result.getObject(1, UUID.class),
                            result.getObject(2, OffsetDateTime.class).toInstant(),
                            result.getLong(3)));
                }
            }
            return stored;
        }
    }

    /**
     * Whether identified mode is on, read inside the writing transaction: a replica that has not yet heard of a
     * switch back to pseudonymous mode stores no identifier.
     */
    private static boolean identifiedNow(Connection connection) throws SQLException {
        return EventSettings.identifiedUsers(connection);
    }

    private static void markAndAcknowledge(Connection connection, List<EventRow> rows, boolean names)
            throws SQLException {
        Set<Long> days = new TreeSet<>();
        long lastDay = Long.MIN_VALUE;
        // The latest acknowledgement per version and person, as the table keeps it.
        Map<String, EventRow> acknowledgements = new LinkedHashMap<>();
        for (EventRow row : rows) {
            long day = Math.floorDiv(row.occurredAt().getEpochSecond(), 86_400L);
            if (day != lastDay) {
                days.add(day);
                lastDay = day;
            }
            if (EventTypes.ACKNOWLEDGED.equals(row.type()) && row.guidelineVersion() != null) {
                String subject = row.userHash() != null ? row.userHash() : "device:" + row.deviceId();
                acknowledgements.merge(
                        row.guidelineVersion() + " " + subject,
                        row,
                        (a, b) -> a.occurredAt().isAfter(b.occurredAt()) ? a : b);
            }
        }
        List<EventRow> acks = new ArrayList<>(acknowledgements.values());
        int n = acks.size();
        Integer[] versions = new Integer[n];
        String[] userHashes = new String[n];
        String[] userNames = new String[n];
        String[] deviceIds = new String[n];
        String[] groups = new String[n];
        String[] at = new String[n];
        UUID[] eventIds = new UUID[n];
        for (int i = 0; i < n; i++) {
            EventRow ack = acks.get(i);
            versions[i] = ack.guidelineVersion();
            userHashes[i] = ack.userHash();
            userNames[i] = names ? ack.userName() : null;
            deviceIds[i] = ack.deviceId();
            groups[i] = CopyText.arrayLiteral(ack.groups());
            at[i] = ack.occurredAt().toString();
            eventIds[i] = ack.id();
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_AND_ACKNOWLEDGE)) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "text",
                            days.stream()
                                    .map(d -> LocalDate.ofEpochDay(d).toString())
                                    .toArray()));
            statement.setArray(2, connection.createArrayOf("int4", versions));
            statement.setArray(3, connection.createArrayOf("text", userHashes));
            statement.setArray(4, connection.createArrayOf("text", userNames));
            statement.setArray(5, connection.createArrayOf("text", deviceIds));
            statement.setArray(6, connection.createArrayOf("text", groups));
            statement.setArray(7, connection.createArrayOf("text", at));
            statement.setArray(8, connection.createArrayOf("uuid", eventIds));
            statement.executeUpdate();
        }
    }
}
