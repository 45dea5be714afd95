package dev.promptgate.events.report;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptgate.events.EventRollups;
import dev.promptgate.events.UserPseudonyms;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.EventSettings;
import dev.promptgate.testing.Groups;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A holder of the organization's enrollment token claims to be the CEO, in group Executives, and to have accepted a
 * guideline nobody published. None of it reaches acknowledgements, coverage or the group's reports, even in
 * identified mode; the same events from the CEO's own verified access token do.
 */
@QuarkusTest
class ForgedIdentityTest {

    @Inject
    EventRollups rollups;

    @Inject
    UserPseudonyms pseudonyms;

    @Inject
    AgroalDataSource dataSource;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String ceo = "ceo-" + run + "@example.com";
    final String executives = "Executives-" + run;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void eventsClaimingAPersonGroupsAndAnUnpublishedGuidelineReachNoReport() throws Exception {
        long group = createGroup();
        int published = Guidelines.publishNew("Forged " + run);
        int unpublished = published + 1000;
        String enrollment = Enrollment.newToken("forged-identity-test");
        String device = "forger-" + run;

        EventSettings.switchTo("IDENTIFIED");
        try {
            post(enrollment, forged(device, published, unpublished))
                    .statusCode(202)
                    .body("accepted", equalTo(2))
                    .body("rejected.index", contains(1))
                    .body("rejected[0].reason", equalTo("guidelineVersion: names no published guideline version"))
                    .body("ignored", contains("user", "groups"));
        } finally {
            EventSettings.switchTo("PSEUDONYMOUS");
        }
        rollups.refresh();

        // Nothing under the group, nothing for the unpublished version, and no trace of the claimed person.
        acknowledgements("groupId", group).body("total", equalTo(0));
        acknowledgements("guidelineVersion", unpublished).body("total", equalTo(0));
        acknowledgements("deviceId", device)
                .body("total", equalTo(1))
                .body("items[0].guidelineVersion", equalTo(published))
                .body("items[0].userPseudonym", equalTo(null))
                .body("items[0].groups", empty());
        report("acknowledgements", group, "guidelineVersion", Integer.toString(published))
                .body("active", equalTo(0))
                .body("acknowledged", equalTo(0));
        report("usage", group).body("days", empty());
        assertEquals(0, rowsMentioning(pseudonyms.pseudonym(ceo)), "rows with the claimed person's pseudonym");
        assertEquals(0, rowsMentioning(ceo), "rows with the claimed person's address");
        assertEquals(0, rowsMentioning(executives), "rows with the claimed group");

        // The CEO's own browser, with their verified token, is counted under the group.
        String ceoToken = Tokens.person(ceo, List.of("idp-" + executives));
        Client.awaitGroup(enrollment, ceoToken, executives);
        post(enrollment, ceoToken, forged("ceo-laptop-" + run, published, unpublished))
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", contains(1));
        rollups.refresh();
        acknowledgements("groupId", group).body("total", equalTo(1)).body("items[0].groups", contains(executives));
        report("acknowledgements", group, "guidelineVersion", Integer.toString(published))
                .body("active", equalTo(1))
                .body("acknowledged", equalTo(1));
        report("usage", group).body("days[0].visits", equalTo(1)).body("days[0].users", equalTo(1));
    }

    /** A visit, an acknowledgement of a version nobody published and one of a published one, claiming the CEO. */
    private List<Map<String, Object>> forged(String device, int published, int unpublished) {
        Map<String, Object> visit = claim(visit(device, "chatgpt", "chatgpt.com"));
        Map<String, Object> acknowledged = claim(with(visit(device, null, null), "type", "acknowledged"));
        return List.of(
                visit,
                with(acknowledged, "guidelineVersion", unpublished),
                with(with(acknowledged, "id", UUID.randomUUID().toString()), "guidelineVersion", published));
    }

    private Map<String, Object> claim(Map<String, Object> event) {
        return with(with(event, "user", ceo), "groups", List.of(executives));
    }

    private long createGroup() {
        return Groups.create(executives, "idp-" + executives, 5);
    }

    private ValidatableResponse acknowledgements(String name, Object value) {
        return given().auth()
                .oauth2(Tokens.viewer())
                .queryParam(name, value)
                .get("/api/v1/acknowledgements")
                .then()
                .statusCode(200);
    }

    private ValidatableResponse report(String name, long group, String... params) {
        var request = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("groupId", group)
                .queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.toString());
        for (int i = 0; i < params.length; i += 2) {
            request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/reports/" + name).then().statusCode(200);
    }

    private long rowsMentioning(String text) throws Exception {
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (String table :
                    List.of("client_event", "acknowledgement", "event_daily_count", "event_active_subject")) {
                try (PreparedStatement statement =
                        connection.prepareStatement("select count(*) from " + table + " t where t::text like ?")) {
                    statement.setString(1, "%" + text + "%");
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        rows += result.getLong(1);
                    }
                }
            }
        }
        return rows;
    }
}
