package dev.promptgate.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event list shows the newest events first and counts matches up to 1,000, and says when there are more; below
 * that, its totals are exact.
 */
@QuarkusTest
class EventListTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void totalIsExactUpToAThousandAndALowerBoundBeyond() throws Exception {
        String device = "list-test-" + UUID.randomUUID();
        // 1,050 events of one device in the last hour: every tenth a warning (105), the rest visits (945).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into client_event (id, occurred_at,"
                        + " received_at, token_id, device_id, extension_version, type)"
                        + " select gen_random_uuid(), now() - make_interval(secs => i), now(), 0, ?, '0.1.0',"
                        + " case when i % 10 = 0 then 'warned' else 'visit' end"
                        // Stored in no particular order, so that only the query's ordering can put the newest first.
                        + " from generate_series(1, 1050) i order by random()")) {
            insert.setString(1, device);
            insert.executeUpdate();
        }

        events(device, null, 0, 50)
                .body("items", hasSize(50))
                .body("total", equalTo(1_000))
                .body("totalIsLowerBound", equalTo(true));
        events(device, null, 20, 50)
                .body("items", hasSize(50))
                .body("total", equalTo(1_050))
                .body("totalIsLowerBound", equalTo(true));
        events(device, "visit", 0, 50).body("total", equalTo(945)).body("totalIsLowerBound", equalTo(false));
        // Counted, whether the page is full, beyond the end or the last one.
        events(device, "warned", 0, 50)
                .body("items", hasSize(50))
                .body("total", equalTo(105))
                .body("totalIsLowerBound", equalTo(false));
        events(device, "warned", 9, 50).body("items", hasSize(0)).body("total", equalTo(105));
        events(device, "warned", 3, 30).body("items", hasSize(15)).body("total", equalTo(105));
        events(device, "warned", 0, 200)
                .body("items", hasSize(105))
                .body("total", equalTo(105))
                .body("totalIsLowerBound", equalTo(false));
        events("list-test-nobody", null, 0, 50).body("items", hasSize(0)).body("total", equalTo(0));
    }

    @Test
    void newestComeFirstAcrossPages() throws Exception {
        String device = "list-order-" + UUID.randomUUID();
        Instant newest;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into client_event (id, occurred_at,"
                        + " received_at, token_id, device_id, extension_version, type)"
                        + " select gen_random_uuid(), now() - make_interval(secs => i * 7 % 120), now(), 0, ?,"
                        + " '0.1.0', 'visit' from generate_series(1, 120) i order by random()");
                PreparedStatement max =
                        connection.prepareStatement("select max(occurred_at) from client_event where device_id = ?")) {
            insert.setString(1, device);
            insert.executeUpdate();
            max.setString(1, device);
            try (ResultSet result = max.executeQuery()) {
                result.next();
                newest = result.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
        List<Instant> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> times = events(device, null, page, 50).extract().path("items.occurredAt");
            times.forEach(time -> seen.add(Instant.parse(time)));
        }
        assertEquals(120, seen.size());
        assertEquals(newest, seen.get(0), "the first item is the newest event");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).isBefore(seen.get(i - 1)), "item " + i + " is older than the one before it");
        }
    }

    private static ValidatableResponse events(String device, String type, int page, int size) {
        var request = given().auth().oauth2(Tokens.viewer()).queryParam("deviceId", device);
        if (type != null) {
            request.queryParam("type", type);
        }
        return request.queryParam("page", page)
                .queryParam("size", size)
                .get("/api/v1/events")
                .then()
                .statusCode(200);
    }
}
