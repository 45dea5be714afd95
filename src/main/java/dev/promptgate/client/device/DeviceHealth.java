package dev.promptgate.client.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.Database;
import dev.promptgate.db.Sql;
import dev.promptgate.events.EventQueries.ExportFormat;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One row per browser, replaced by its heartbeats; the admin's list, summary and export of them, and forgetting
 * browsers past the event retention. How rows are filtered and read is {@link DeviceRows}'s, the CSV
 * {@link DeviceCsv}'s.
 */
@ApplicationScoped
public class DeviceHealth {

    private static final Logger LOG = Logger.getLogger(DeviceHealth.class);
    private final Database database;
    private final ObjectMapper json;
    private final PromptgateConfig config;

    DeviceHealth(Database database, ObjectMapper json, PromptgateConfig config) {
        this.database = database;
        this.json = json;
        this.config = config;
    }

    /** What the server served the reporting browser's identity, at the policy revision then current. */
    public record Served(String policyVersion, Long revision) {}

    /** A browser as admins see it. */
    public record DeviceView(
            String deviceId,
            String browser,
            String browserVersion,
            String extensionVersion,
            String identityMode,
            String policyVersion,
            boolean policyCurrent,
            int skippedCount,
            List<Heartbeat.SkippedRule> skipped,
            int tenantRestrictionRules,
            String lastSyncError,
            Instant lastSyncAt,
            Instant firstSeen,
            Instant lastSeen) {}

    /** The list's filters; null means no filter. */
    public record DeviceFilter(
            Boolean stalePolicy, String outdatedThan, Boolean errors, Integer notSeenDays, String browser) {}

    /**
     * How many browsers report, how many of them enforce the current policy, and both counts per extension version
     * and per browser (the {@code enforcingBy…} maps have the keys of the {@code by…} maps).
     */
    public record Summary(
            long devices,
            long enforcingCurrentPolicy,
            long withSkippedRules,
            long withSyncErrors,
            Map<String, Long> byExtensionVersion,
            Map<String, Long> byBrowser,
            Map<String, Long> enforcingByExtensionVersion,
            Map<String, Long> enforcingByBrowser) {}

    public void record(long tokenId, Heartbeat beat, Served served, Instant now) {
        String skipped = DeviceRows.skipped(json, beat.skipped());
        database.call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into device (device_id, enrollment_token_id, first_seen, last_seen, extension_version,"
                            + " browser, browser_version, identity_mode, policy_version, served_policy_version,"
                            + " policy_revision, skipped_count, skipped, tenant_restriction_rules, last_sync_error,"
                            + " last_sync_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                            + " on conflict (device_id) do update set enrollment_token_id = excluded.enrollment_token_id,"
                            + " last_seen = excluded.last_seen, extension_version = excluded.extension_version,"
                            + " browser = excluded.browser, browser_version = excluded.browser_version,"
                            + " identity_mode = excluded.identity_mode, policy_version = excluded.policy_version,"
                            + " served_policy_version = excluded.served_policy_version,"
                            + " policy_revision = excluded.policy_revision, skipped_count = excluded.skipped_count,"
                            + " skipped = excluded.skipped,"
                            + " tenant_restriction_rules = excluded.tenant_restriction_rules,"
                            + " last_sync_error = excluded.last_sync_error, last_sync_at = excluded.last_sync_at")) {
                statement.setObject(1, beat.deviceId());
                statement.setLong(2, tokenId);
                statement.setObject(3, DeviceRows.at(now), Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setObject(4, DeviceRows.at(now), Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setString(5, beat.extensionVersion());
                statement.setString(6, beat.browser());
                statement.setString(7, beat.browserVersion());
                statement.setString(8, beat.identityMode());
                statement.setString(9, beat.policyVersion());
                statement.setString(10, served.policyVersion());
                statement.setObject(11, served.revision());
                statement.setInt(12, beat.skippedCount());
                statement.setString(13, skipped);
                statement.setInt(14, beat.tenantRestrictionRules() == null ? 0 : beat.tenantRestrictionRules());
                statement.setString(15, beat.lastSyncError());
                statement.setObject(
                        16,
                        beat.lastSyncAt() == null ? null : DeviceRows.at(beat.lastSyncAt()),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                return statement.executeUpdate();
            }
        });
    }

    /** The browsers matching the filter, most recently seen first. */
    public Page<DeviceView> list(DeviceFilter filter, PageParams paging, Long currentRevision) {
        return database.call(connection -> {
            Sql count = DeviceRows.where(new Sql("select count(*) from device"), filter, currentRevision);
            long total;
            try (PreparedStatement statement = count.prepare(connection);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                total = rows.getLong(1);
            }
            Sql query = DeviceRows.where(new Sql("select * from device"), filter, currentRevision)
                    .append(
                            " order by last_seen desc, device_id limit ? offset ?",
                            paging.size,
                            (long) paging.page * paging.size);
            List<DeviceView> items = new ArrayList<>();
            try (PreparedStatement statement = query.prepare(connection);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(DeviceRows.view(rows, currentRevision, json));
                }
            }
            return new Page<>(items, paging.page, paging.size, total);
        });
    }

    public Summary summary(Long currentRevision) {
        return database.call(connection -> {
            long devices;
            long current;
            long skipped;
            long errors;
            try (PreparedStatement statement = new Sql("select count(*), count(*) filter (where "
                                    + DeviceRows.CURRENT + "), count(*) filter (where skipped_count > 0),"
                                    + " count(*) filter (where last_sync_error is not null) from device")
                            .params(currentRevision)
                            .prepare(connection);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                devices = rows.getLong(1);
                current = rows.getLong(2);
                skipped = rows.getLong(3);
                errors = rows.getLong(4);
            }
            DeviceRows.Counts versions = DeviceRows.counts(connection, "extension_version", currentRevision);
            DeviceRows.Counts browsers = DeviceRows.counts(connection, "browser", currentRevision);
            return new Summary(
                    devices,
                    current,
                    skipped,
                    errors,
                    versions.all(),
                    browsers.all(),
                    versions.enforcing(),
                    browsers.enforcing());
        });
    }

    /**
     * Every browser matching the filter, most recently seen first, one per row: as CSV (formulas neutralized) or as
     * JSON Lines (each line the object the list shows).
     */
    public void export(DeviceFilter filter, Long currentRevision, ExportFormat format, OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        database.call(connection -> {
            Sql query = DeviceRows.where(new Sql("select * from device"), filter, currentRevision)
                    .append(" order by last_seen desc");
            try (PreparedStatement statement = query.prepare(connection);
                    ResultSet rows = statement.executeQuery()) {
                if (format == ExportFormat.csv) {
                    DeviceCsv.writeHeader(writer);
                }
                while (rows.next()) {
                    DeviceView device = DeviceRows.view(rows, currentRevision, json);
                    if (format == ExportFormat.csv) {
                        DeviceCsv.writeRow(writer, device);
                    } else {
                        writer.write(json.writeValueAsString(device));
                        writer.write('\n');
                    }
                }
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** Browsers not seen for the event retention are forgotten, as their events are. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteUnseen() {
        try {
            Instant cutoff = Instant.now().minus(Duration.ofDays(config.events().retentionDays()));
            int deleted = database.call(connection -> {
                try (PreparedStatement statement =
                        connection.prepareStatement("delete from device where last_seen < ?")) {
                    statement.setObject(1, DeviceRows.at(cutoff), Types.TIMESTAMP_WITH_TIMEZONE);
                    return statement.executeUpdate();
                }
            });
            if (deleted > 0) {
                LOG.infof("Forgot %d browsers not seen since %s", deleted, cutoff);
            }
        } catch (RuntimeException e) {
            LOG.warn("Deleting browsers past retention failed; the next run tries again", e);
        }
    }
}
