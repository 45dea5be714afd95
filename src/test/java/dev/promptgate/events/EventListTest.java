package dev.promptgate.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.promptgate.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event list counts matches up to 1,000, and says when there are more; below that, its totals are exact. */
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
                        + " from generate_series(1, 1050) i")) {
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
        // Newest first.
        events(device, "warned", 0, 1).body("items[0].type", equalTo("warned"));
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
