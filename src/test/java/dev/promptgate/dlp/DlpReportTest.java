package dev.promptgate.dlp;

import static dev.promptgate.testing.ClientEvents.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.promptgate.events.EventRollups;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data-protection report on a known set of detections, kept apart from other tests' events by a group of its
 * own: per day, detector and service, and per detector with override and false-positive rates.
 */
@QuarkusTest
class DlpReportTest {

    @Inject
    EventRollups rollups;

    @Test
    void detectionsPerDetectorServiceGroupAndDayWithOverrideAndFalsePositiveRates() {
        String group = DlpApi.uniqueName("dlp-report");
        long groupId = DlpApi.newGroup(group, 5);
        String enrollment = Enrollment.newToken("dlp-report-test");
        String person = Tokens.person(group + "@example.com", List.of(group));
        Client.awaitGroup(enrollment, person, group);
        LocalDate day1 = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        LocalDate day2 = day1.plusDays(1);
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(detection(day1, "payment-card", "chatgpt", "WARN", "sent-anyway"));
        events.add(detection(day1, "payment-card", "chatgpt", "WARN", "sent-anyway"));
        events.add(detection(day1, "payment-card", "chatgpt", "WARN", "not-sensitive"));
        events.add(detection(day1, "payment-card", "chatgpt", "WARN", "removed"));
        events.add(detection(day1, "payment-card", "gemini", "WARN", "monitored"));
        events.add(detection(day2, "payment-card", "chatgpt", "REDACT", "redacted"));
        events.add(detection(day2, "kw-1", "chatgpt", "BLOCK", "blocked"));
        post(enrollment, person, events).statusCode(202).body("accepted", equalTo(7));
        rollups.refresh();

        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("groupId", groupId)
                .queryParam("from", day1.toString())
                .get("/api/v1/reports/dlp")
                .then()
                .statusCode(200)
                .body("group.name", equalTo(group))
                .body("days.size()", equalTo(4))
                .body("days[0].day", equalTo(day1.toString()))
                .body("days[0].detector", equalTo("payment-card"))
                .body("days[0].serviceKey", equalTo("chatgpt"))
                .body("days[0].detections", equalTo(4))
                .body("days[0].warned", equalTo(4))
                .body("days[1].serviceKey", equalTo("gemini"))
                .body("days[1].monitored", equalTo(1))
                .body("days[1].warned", equalTo(0))
                .body("detectors.size()", equalTo(2))
                .body("detectors[0].detector", equalTo("payment-card"))
                .body("detectors[0].detections", equalTo(6))
                .body("detectors[0].warned", equalTo(4))
                .body("detectors[0].sentAnyway", equalTo(2))
                .body("detectors[0].notSensitive", equalTo(1))
                .body("detectors[0].overrideRate", equalTo(0.5f))
                .body("detectors[0].falsePositiveRate", equalTo(0.25f))
                .body("detectors[0].redacted", equalTo(1))
                .body("detectors[1].detector", equalTo("kw-1"))
                .body("detectors[1].blocked", equalTo(1))
                .body("detectors[1].overrideRate", nullValue());

        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("groupId", groupId)
                .queryParam("from", day1.toString())
                .queryParam("detector", "kw-1")
                .get("/api/v1/reports/dlp")
                .then()
                .statusCode(200)
                .body("days.size()", equalTo(1))
                .body("days[0].day", equalTo(day2.toString()));
        given().auth().oauth2(Tokens.noRole()).get("/api/v1/reports/dlp").then().statusCode(403);
        given().get("/api/v1/reports/dlp").then().statusCode(401);
    }

    private Map<String, Object> detection(
            LocalDate day, String detector, String service, String action, String outcome) {
        Map<String, Object> event = DlpEventsTest.detection("dlp-report-device", detector, action, outcome);
        event.put("serviceKey", service);
        event.put("host", service.equals("gemini") ? "gemini.google.com" : "chatgpt.com");
        event.put("occurredAt", day.atTime(12, 0).toInstant(ZoneOffset.UTC).toString());
        return event;
    }
}
