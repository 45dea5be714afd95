package dev.promptgate.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.db.Database;
import dev.promptgate.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads stored events and acknowledgements: pages for the admin UI and tests, streams for a SIEM. */
@ApplicationScoped
public class EventQueries {

    private static final String EVENT_COLUMNS = "select id, occurred_at, received_at, type, service_key, host, action,"
            + " guideline_version, device_id, user_hash, user_name, extension_version, groups, dlp_detector,"
            + " dlp_matches, dlp_trigger, dlp_outcome, dlp_justification, dlp_file_type, dlp_size_bucket"
            + " from client_event";
    static final List<String> CSV_HEADER = List.of(
            "id",
            "occurredAt",
            "receivedAt",
            "type",
            "serviceKey",
            "host",
            "action",
            "guidelineVersion",
            "deviceId",
            "userPseudonym",
            "user",
            "extensionVersion",
            "groups",
            "detector",
            "matches",
            "trigger",
            "outcome",
            "justification",
            "fileType",
            "sizeBucket");

    private final Database database;
    private final ObjectMapper json;

    EventQueries(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /** The formats of an export. */
    public enum ExportFormat {
        /** RFC 4180 CSV with a header line; groups separated by {@code ;}. */
        csv,
        /** One JSON object per line (JSON Lines / NDJSON). */
        jsonl
    }

    /** How far the event list counts the matching events; beyond it, it says "more than". */
    public static final int COUNT_LIMIT = 1_000;

    /** Events matching the query, newest first, with their number counted up to {@link #COUNT_LIMIT}. */
    public EventPage search(EventQuery query, PageParams paging) {
        return database.call(connection -> {
            long offset = (long) paging.page * paging.size;
            List<EventView> items = new ArrayList<>();
            try (PreparedStatement statement = where(new Sql(EVENT_COLUMNS), query)
                            .append(" order by occurred_at desc, id desc limit ? offset ?", paging.size, offset)
                            .prepare(connection);
                    ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    items.add(event(result));
                }
            }
            if (items.size() < paging.size && (!items.isEmpty() || paging.page == 0)) {
                // The last page: the number is known without counting.
                return new EventPage(items, paging.page, paging.size, offset + items.size(), false);
            }
            long counted;
            try (PreparedStatement count = where(new Sql("select count(*) from (select 1 from client_event"), query)
                            .append(" limit ?) matching", COUNT_LIMIT + 1)
                            .prepare(connection);
                    ResultSet result = count.executeQuery()) {
                result.next();
                counted = result.getLong(1);
            }
            // A deep page says at least as many as the pages up to it hold.
            long upToThisPage = items.isEmpty() ? 0 : offset + items.size();
            long total = Math.max(Math.min(counted, COUNT_LIMIT), upToThisPage);
            return new EventPage(items, paging.page, paging.size, total, counted > COUNT_LIMIT);
        });
    }

    /** Writes every event matching the query, oldest first, as it reads them (a cursor, not a list in memory). */
    public void export(EventQuery query, ExportFormat format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (format == ExportFormat.csv) {
            writer.write(String.join(",", CSV_HEADER));
            writer.write("\r\n");
        }
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = where(new Sql(EVENT_COLUMNS), query)
                    .append(" order by occurred_at, id")
                    .prepare(connection)) {
                statement.setFetchSize(1000);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        EventView event = event(result);
                        if (format == ExportFormat.csv) {
                            Csv.writeRow(writer, csvCells(event));
                        } else {
                            writer.write(json.writeValueAsString(event));
                            writer.write('\n');
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw Database.failure(e);
        }
        writer.flush();
    }

    /** Acknowledgements matching the query, newest first. */
    public Page<AcknowledgementView> acknowledgements(AcknowledgementQuery query, PageParams paging) {
        return database.call(connection -> {
            long total;
            try (PreparedStatement count = where(new Sql("select count(*) from acknowledgement"), query)
                            .prepare(connection);
                    ResultSet result = count.executeQuery()) {
                result.next();
                total = result.getLong(1);
            }
            List<AcknowledgementView> items = new ArrayList<>();
            try (PreparedStatement statement = where(
                                    new Sql("select guideline_version, user_hash, user_name, device_id, groups,"
                                            + " acknowledged_at, event_id from acknowledgement"),
                                    query)
                            .append(
                                    " order by acknowledged_at desc, subject limit ? offset ?",
                                    paging.size,
                                    (long) paging.page * paging.size)
                            .prepare(connection);
                    ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    items.add(new AcknowledgementView(
                            result.getInt(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            strings(result.getArray(5)),
                            result.getObject(6, OffsetDateTime.class).toInstant(),
                            result.getObject(7, UUID.class)));
                }
            }
            return new Page<>(items, paging.page, paging.size, total);
        });
    }

    private static Sql where(Sql sql, AcknowledgementQuery query) {
        sql.filter("guideline_version = ?", query.guidelineVersion())
                .filter("user_hash = ?", query.userPseudonym())
                .filter("device_id = ?", query.deviceId())
                .filter("groups @> array[?]::text[]", query.group())
                .filter("acknowledged_at >= ?", query.from())
                .filter("acknowledged_at < ?", query.to());
        if (query.onlyIdentified()) {
            sql.require("user_name is not null");
        }
        return sql;
    }

    private static Sql where(Sql sql, EventQuery query) {
        sql.filter("occurred_at >= ?", query.from())
                .filter("occurred_at < ?", query.to())
                .filter("type = ?", query.type())
                .filter("service_key = ?", query.serviceKey())
                .filter("host = ?", query.host())
                .filter("device_id = ?", query.deviceId())
                .filter("user_hash = ?", query.userPseudonym())
                .filter("guideline_version = ?", query.guidelineVersion())
                .filter("groups @> array[?]::text[]", query.group());
        if (query.onlyIdentified()) {
            sql.require("user_name is not null");
        }
        return sql;
    }

    private static EventView event(ResultSet result) throws SQLException {
        Integer guidelineVersion = result.getInt(8);
        if (result.wasNull()) {
            guidelineVersion = null;
        }
        return new EventView(
                result.getObject(1, UUID.class),
                result.getObject(2, OffsetDateTime.class).toInstant(),
                result.getObject(3, OffsetDateTime.class).toInstant(),
                result.getString(4),
                result.getString(5),
                result.getString(6),
                result.getString(7),
                guidelineVersion,
                result.getString(9),
                result.getString(10),
                result.getString(11),
                result.getString(12),
                strings(result.getArray(13)),
                result.getString(14) == null
                        ? null
                        : new DlpDetection(
                                result.getString(14),
                                result.getObject(15, Integer.class),
                                result.getString(16),
                                result.getString(17),
                                result.getObject(18, Integer.class),
                                result.getString(19),
                                result.getString(20)));
    }

    private static List<String> csvCells(EventView e) {
        return Arrays.asList(
                e.id().toString(),
                e.occurredAt().toString(),
                e.receivedAt().toString(),
                e.type(),
                e.serviceKey(),
                e.host(),
                e.action(),
                e.guidelineVersion() == null ? null : e.guidelineVersion().toString(),
                e.deviceId(),
                e.userPseudonym(),
                e.user(),
                e.extensionVersion(),
                String.join(";", e.groups()),
                e.dlp() == null ? null : e.dlp().detector(),
                e.dlp() == null || e.dlp().matches() == null
                        ? null
                        : e.dlp().matches().toString(),
                e.dlp() == null ? null : e.dlp().trigger(),
                e.dlp() == null ? null : e.dlp().outcome(),
                e.dlp() == null || e.dlp().justification() == null
                        ? null
                        : e.dlp().justification().toString(),
                e.dlp() == null ? null : e.dlp().fileType(),
                e.dlp() == null ? null : e.dlp().sizeBucket());
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }
}
