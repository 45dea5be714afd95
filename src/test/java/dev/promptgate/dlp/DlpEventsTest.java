package dev.promptgate.dlp;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.promptgate.testing.ClientEvents;
import dev.promptgate.testing.Enrollment;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** dlp_detected events: every field one of a fixed set or a bounded number, stored as such, never any text. */
@QuarkusTest
class DlpEventsTest {

    @Inject
    AgroalDataSource dataSource;

    String enrollment;
    String device;

    @BeforeEach
    void enroll() {
        enrollment = Enrollment.newToken("dlp-events-test");
        device = UUID.randomUUID().toString();
    }

    /** A detection as the extension reports it. */
    static Map<String, Object> detection(String device, String detector, String action, String outcome) {
        Map<String, Object> event = ClientEvents.visit(device, "chatgpt", "chatgpt.com");
        event.put("type", "dlp_detected");
        event.put("detector", detector);
        event.put("matches", 2);
        event.put("trigger", "paste");
        event.put("action", action);
        event.put("outcome", outcome);
        return event;
    }

    @Test
    void aDetectionIsStoredWithItsFieldsAndNothingElse() throws Exception {
        Map<String, Object> sent = with(detection(device, "payment-card", "WARN", "sent-anyway"), "justification", 1);
        sent = with(sent, "text", "4111 1111 1111 1111");
        sent = with(sent, "match", "4111 1111 1111 1111");
        Map<String, Object> upload = detection(device, "upload", "BLOCK", "blocked");
        upload.remove("matches");
        upload.put("trigger", "upload");
        upload.put("fileType", "application");
        upload.put("sizeBucket", "1-10MB");
        post(enrollment, List.of(sent, upload, detection(device, "re-12", "REDACT", "redacted")))
                .statusCode(202)
                .body("accepted", equalTo(3))
                .body("rejected", empty());

        List<String> rows = storedRows();
        assertEquals(
                List.of(
                        "payment-card|2|paste|WARN|sent-anyway|1|null|null",
                        "re-12|2|paste|REDACT|redacted|null|null|null",
                        "upload|null|upload|BLOCK|blocked|null|application|1-10MB"),
                rows);
        assertFalse(rawRowsOfDevice().contains("4111"), "the match's text is stored nowhere");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(dev.promptgate.testing.Tokens.viewer())
                .queryParam("deviceId", device)
                .queryParam("type", "dlp_detected")
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .body("items.dlp.detector", org.hamcrest.Matchers.containsInAnyOrder("payment-card", "upload", "re-12"))
                .body("items.find { it.dlp.detector == 'upload' }.dlp.sizeBucket", equalTo("1-10MB"))
                .body("items.find { it.dlp.detector == 'payment-card' }.dlp.justification", equalTo(1));
    }

    @Test
    void unknownValuesAreRefusedOneByOneAndNothingOfThemIsStored() {
        Map<String, Object> good = detection(device, "payment-card", "WARN", "removed");
        List<Map<String, Object>> batch = List.of(
                good,
                detection(device, "4111 1111 1111 1111", "WARN", "removed"),
                detection(device, "payment-card", "ACKNOWLEDGE", "removed"),
                detection(device, "payment-card", "WARN", "ignored"),
                with(detection(device, "payment-card", "WARN", "removed"), "matches", 0),
                with(detection(device, "payment-card", "WARN", "removed"), "matches", "2"),
                with(detection(device, "payment-card", "WARN", "removed"), "trigger", "typing"),
                with(detection(device, "payment-card", "WARN", "removed"), "justification", 10),
                with(detection(device, "payment-card", "WARN", "removed"), "fileType", "application"),
                with(detection(device, "kw-007", "WARN", "removed"), "trigger", "paste"),
                with(ClientEvents.visit(device, "chatgpt", "chatgpt.com"), "detector", "payment-card"),
                with(ClientEvents.visit(device, "chatgpt", "chatgpt.com"), "action", "REDACT"),
                with(detection(device, "payment-card", "WARN", "removed"), "action", null));
        post(enrollment, batch)
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected.index", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
                .body("rejected[0].reason", containsString("detector: must be a built-in detector id"))
                .body("rejected[1].reason", containsString("action: must be one of ALLOW, WARN, REDACT, BLOCK"))
                .body("rejected[2].reason", containsString("outcome: must be one of"))
                .body("rejected[3].reason", containsString("matches: must be a whole number from 1 to 10000"))
                .body("rejected[4].reason", containsString("matches: must be a whole number"))
                .body("rejected[5].reason", containsString("trigger: must be one of paste, submit, upload"))
                .body("rejected[6].reason", containsString("justification: must be a whole number from 0 to 9"))
                .body("rejected[7].reason", containsString("fileType: belongs to upload detections only"))
                .body("rejected[8].reason", containsString("detector: must be a built-in detector id"))
                .body("rejected[9].reason", containsString("detector: only a dlp_detected event carries detector"))
                .body("rejected[10].reason", containsString("action: must be one of ALLOW, WARN, ACKNOWLEDGE"))
                .body("rejected[11].reason", containsString("action: is required on a dlp_detected event"));
    }

    private List<String> storedRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select dlp_detector, dlp_matches, dlp_trigger, action, dlp_outcome, dlp_justification,"
                                + " dlp_file_type, dlp_size_bucket from client_event where device_id = ?"
                                + " order by dlp_detector")) {
            statement.setString(1, device);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= 8; i++) {
                        cells.add(String.valueOf(result.getObject(i)));
                    }
                    rows.add(String.join("|", cells));
                }
            }
        }
        return rows;
    }

    /** Every column of the device's rows as text, to look for anything of a match. */
    private String rawRowsOfDevice() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select string_agg(e::text, ' ') from client_event e where device_id = ?")) {
            statement.setString(1, device);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
