package dev.promptgate.events;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Day partitions: made ahead, dropped past the retention period with everything derived from them. */
@QuarkusTest
class EventPartitionsTest {

    @Inject
    EventPartitions partitions;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void backToToday() {
        partitions.maintain();
    }

    @Test
    void partitionsCoverTheRetentionPeriodAndTheWeekAhead() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Set<LocalDate> days = partitions.existingDays();
        for (LocalDate day = today.minusDays(89); !day.isAfter(today.plusDays(7)); day = day.plusDays(1)) {
            assertTrue(days.contains(day), "no partition for " + day);
        }
        assertFalse(days.contains(today.minusDays(90)));
        assertTrue(partitions.maintain().created().isEmpty(), "a second run changes nothing");
    }

    @Test
    void maintenanceCreatesDaysAheadAndDropsDaysPastRetention() throws SQLException {
        LocalDate past = LocalDate.of(2001, 1, 10);
        var first = partitions.maintain(past);
        assertEquals(past.minusDays(89), first.created().get(0));
        assertEquals(past.plusDays(7), first.created().get(first.created().size() - 1));

        String device = UUID.randomUUID().toString();
        execute("insert into client_event (id, occurred_at, received_at, token_id, device_id, extension_version, type)"
                + " values (gen_random_uuid(), '2001-01-05T10:00:00Z', now(), 1, '" + device + "', '0.1.0', 'visit'),"
                + " (gen_random_uuid(), '2001-01-15T10:00:00Z', now(), 1, '" + device + "', '0.1.0', 'visit')");
        execute("insert into event_daily_count (grp, day, service_key, host, type, events, subjects)"
                + " values ('', '2001-01-05', 'chatgpt', '', 'visit', 1, 1)");
        execute("insert into dlp_daily_count (grp, day, detector, service_key, action, outcome, events)"
                + " values ('', '2001-01-05', 'payment-card', 'chatgpt', 'WARN', 'removed', 1)");
        execute("insert into event_active_subject (grp, subject, days) values ('', 'device:" + device
                + "', '{[2001-01-05,2001-01-05], [2001-01-15,2001-01-15]}')");
        execute("insert into acknowledgement (guideline_version, subject, device_id, acknowledged_at, event_id)"
                + " values (1, 'device:" + device + "', '" + device + "', '2000-01-05T10:00:00Z', gen_random_uuid())");

        // 90 days after the 5th of January, that day has left the retention period; the 15th has not.
        var later = partitions.maintain(LocalDate.of(2001, 4, 5));
        assertTrue(later.dropped().contains(LocalDate.of(2001, 1, 5)));
        assertFalse(later.dropped().contains(LocalDate.of(2001, 1, 6)));
        assertTrue(partitions.existingDays().contains(LocalDate.of(2001, 4, 12)));
        assertEquals(1, count("select count(*) from client_event where device_id = '" + device + "'"));
        assertEquals(0, count("select count(*) from event_daily_count where day = '2001-01-05'"));
        assertEquals(0, count("select count(*) from dlp_daily_count where day = '2001-01-05'"));
        assertEquals(
                1,
                count("select count(*) from event_active_subject where subject = 'device:" + device
                        + "' and days = '{[2001-01-15,2001-01-15]}'::datemultirange"),
                "the dropped day left the active days, the kept one stayed");
        assertEquals(0, count("select count(*) from acknowledgement where device_id = '" + device + "'"));

        partitions.maintain();
        assertEquals(0, count("select count(*) from client_event where device_id = '" + device + "'"));
        assertEquals(0, count("select count(*) from event_active_subject where subject = 'device:" + device + "'"));
        assertTrue(partitions.existingDays().stream().noneMatch(day -> day.getYear() == 2001));
    }

    @Test
    void aMissingPartitionIsMadeWhenAnEventNeedsIt() throws SQLException {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        execute("drop table " + EventPartitions.name(tomorrow));
        String device = UUID.randomUUID().toString();
        String atStartOfTomorrow =
                tomorrow.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        post(
                        Enrollment.newToken("partition-test"),
                        List.of(with(visit(device, "chatgpt", null), "occurredAt", atStartOfTomorrow)))
                .statusCode(202)
                .body("accepted", equalTo(1));
        assertTrue(partitions.existingDays().contains(tomorrow));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
