package dev.promptgate.events;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users, known from their verified access tokens, are pseudonyms by default: a keyed hash, stable per person;
 * identified mode is an audited switch.
 */
@QuarkusTest
class UserPseudonymsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentifierRemoval identifierRemoval;

    String enrollment;
    String device;
    String email;

    @BeforeEach
    void setUp() {
        enrollment = Enrollment.newToken("pseudonyms-test");
        device = UUID.randomUUID().toString();
        email = "alice." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        // A test before this one may have switched back to pseudonymous: finish that removal, so each starts clean.
        identifierRemoval.removeDue(Instant.now().plus(IdentifierRemoval.GRACE).plusSeconds(1));
    }

    @AfterEach
    void backToPseudonymous() {
        switchTo("PSEUDONYMOUS").statusCode(200);
    }

    @Test
    void theStoredUserIsAKeyedHashNotTheAddress() throws Exception {
        post(enrollment, as(email), List.of(visit(device, "chatgpt", "chatgpt.com")))
                .statusCode(202)
                .body("accepted", equalTo(1));
        String secret = query("select user_hash_secret from event_settings", null);
        String expected = hmac(secret, email);
        assertEquals(expected, query("select user_hash from client_event where device_id = ?", device));
        assertEquals(null, query("select user_name from client_event where device_id = ?", device));
        assertEquals("0", query("select count(*)::text from client_event e where e::text ilike ?", "%" + email + "%"));
        assertNotEquals(expected, hmac("another secret of at least thirty-two chars", email));
    }

    @Test
    void thePseudonymIsTheSameForEveryEventOfAPerson() {
        post(enrollment, as(email), List.of(visit(device, "chatgpt", "chatgpt.com")))
                .statusCode(202)
                .body("accepted", equalTo(1));
        post(
                        enrollment,
                        as(email.toUpperCase()),
                        List.of(visit(UUID.randomUUID().toString(), "gemini", "gemini.google.com")))
                .statusCode(202)
                .body("accepted", equalTo(1));
        post(enrollment, as("someone-else@example.com"), List.of(visit(device, "claude", "claude.ai")))
                .statusCode(202)
                .body("accepted", equalTo(1));
        String pseudonym = events("deviceId", device)
                .body("items.find { it.serviceKey == 'chatgpt' }.user", nullValue())
                .extract()
                .path("items.find { it.serviceKey == 'chatgpt' }.userPseudonym");
        events("userPseudonym", pseudonym)
                .body("total", equalTo(2))
                .body("items.serviceKey", org.hamcrest.Matchers.containsInAnyOrder("chatgpt", "gemini"));
    }

    @Test
    void searchingByUserIdentifierNeedsIdentifiedMode() {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", email)
                .get("/api/v1/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("user"));
    }

    @Test
    void identifiedModeIsAnAuditedSwitchThatKeepsTheIdentifier() throws Exception {
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/events/settings")
                .then()
                .statusCode(200)
                .body("userIdentification", equalTo("PSEUDONYMOUS"))
                .body("retentionDays", equalTo(90));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"userIdentification\": \"IDENTIFIED\"}")
                .put("/api/v1/events/settings")
                .then()
                .statusCode(428);

        switchTo("IDENTIFIED").statusCode(200).body("userIdentification", equalTo("IDENTIFIED"));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "event-settings")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items[0].actor", equalTo("alice"))
                .body("items[0].before.userIdentification", equalTo("PSEUDONYMOUS"))
                .body("items[0].after.userIdentification", equalTo("IDENTIFIED"));

        int published = Guidelines.publishNew("Pseudonyms");
        var acknowledged = with(with(visit(device, null, null), "type", "acknowledged"), "guidelineVersion", published);
        post(enrollment, as(email), List.of(visit(device, "chatgpt", "chatgpt.com"), acknowledged))
                .statusCode(202)
                .body("accepted", equalTo(2));
        String pseudonym = query("select user_hash from client_event where device_id = ? limit 1", device);
        assertEquals(pseudonym, query("select user_hash from acknowledgement where device_id = ?", device));
        events("user", email.toUpperCase())
                .body("total", equalTo(2))
                .body("items.user", everyItem(equalTo(email)))
                .body("items.userPseudonym", everyItem(equalTo(pseudonym)));
        acknowledgements().body("items[0].user", equalTo(email));

        switchTo("PSEUDONYMOUS").statusCode(200);
        acknowledgements().body("items[0].user", nullValue()).body("items[0].userPseudonym", equalTo(pseudonym));
        post(enrollment, as(email), List.of(visit(device, "gemini", "gemini.google.com")))
                .statusCode(202);
        events("userPseudonym", pseudonym).body("total", equalTo(3)).body("items.user", hasItem(nullValue()));
    }

    @Test
    void switchingBackToPseudonymousRemovesTheIdentifiersEventsKept() throws Exception {
        switchTo("IDENTIFIED").statusCode(200).body("removingIdentifiers", equalTo(false));
        post(
                        enrollment,
                        as(email),
                        List.of(visit(device, "chatgpt", "chatgpt.com"), visit(device, "gemini", "gemini.google.com")))
                .statusCode(202);
        assertEquals(2, count("select count(*) from client_event where device_id = ? and user_name is not null"));

        Instant switched = Instant.now();
        switchTo("PSEUDONYMOUS").statusCode(200).body("removingIdentifiers", equalTo(true));
        String etag =
                settings().body("removingIdentifiers", equalTo(true)).extract().header("ETag");
        // Other replicas may still store identifiers for a few seconds: removal waits for them.
        assertEquals(0, identifierRemoval.removeDue(switched));
        assertEquals(2, count("select count(*) from client_event where device_id = ? and user_name is not null"));

        assertTrue(identifierRemoval.removeDue(
                        switched.plus(IdentifierRemoval.GRACE).plusSeconds(1))
                >= 2);
        assertEquals(0, count("select count(*) from client_event where device_id = ? and user_name is not null"));
        assertEquals(2, count("select count(*) from client_event where device_id = ? and user_hash is not null"));
        String after =
                settings().body("removingIdentifiers", equalTo(false)).extract().header("ETag");
        assertNotEquals(etag, after);

        // Identified again: new events keep the identifier; the finished removal does not come back for them.
        switchTo("IDENTIFIED").statusCode(200).body("removingIdentifiers", equalTo(false));
        post(enrollment, as(email), List.of(visit(device, "claude", "claude.ai")))
                .statusCode(202);
        assertEquals(0, identifierRemoval.removeDue(Instant.now().plusSeconds(3600)));
        assertEquals(1, count("select count(*) from client_event where device_id = ? and user_name is not null"));
    }

    /** The access token of the person with this e-mail, as the extension sends it. */
    private static String as(String email) {
        return Tokens.person(email, List.of());
    }

    private ValidatableResponse settings() {
        return given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/events/settings")
                .then()
                .statusCode(200);
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(query(sql, device));
    }

    private ValidatableResponse switchTo(String mode) {
        String etag = given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/events/settings")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"userIdentification\": \"" + mode + "\"}")
                .put("/api/v1/events/settings")
                .then();
    }

    private ValidatableResponse events(String name, String value) {
        return given().auth()
                .oauth2(Tokens.viewer())
                .queryParam(name, value)
                .get("/api/v1/events")
                .then()
                .statusCode(200);
    }

    private ValidatableResponse acknowledgements() {
        return given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("deviceId", device)
                .get("/api/v1/acknowledgements")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
    }

    private String query(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static String hmac(String secret, String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(user.toLowerCase().getBytes(StandardCharsets.UTF_8)));
    }
}
