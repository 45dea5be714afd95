package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.security.TokenSecrets;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How long a console session lives: it ends after the idle timeout without use, at its maximum age however much it
 * is used, and as soon as the token it was opened with is revoked; and its cookie is Secure unless the console is
 * reached on the loopback address.
 */
@QuarkusTest
class ConsoleSessionLifetimeTest {

    @Test
    void aSessionUnusedForLongerThanTheIdleTimeoutEnds() {
        SignedInConsole session = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        // 29 minutes without use: still within the default 30 minutes.
        age(session, Duration.ofMinutes(29), Duration.ofMinutes(29));
        session.request().get("/console/groups").then().statusCode(200);
        assertTrue(stored(session), "a session in use is kept");

        age(session, Duration.ofMinutes(31), Duration.ofMinutes(31));
        session.request()
                .get("/console/groups")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/sign-in"));
        assertFalse(stored(session), "the idle session is removed from the database");
    }

    @Test
    void aSessionEndsAtItsMaximumAgeHoweverMuchItIsUsed() {
        SignedInConsole session = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        // Opened 12 hours and a minute ago (the default maximum is 12 hours), used a moment ago.
        age(session, Duration.ofHours(12).plusMinutes(1), Duration.ofSeconds(5));
        session.request().get("/console/").then().statusCode(303).header("Location", endsWith("/console/sign-in"));
        assertFalse(stored(session));
    }

    @Test
    void revokingTheTokenASessionWasOpenedWithEndsTheSession() {
        ExtractableResponse<Response> token = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"console session %s\", \"role\": \"admin\", \"expiresAt\": \"%s\"}"
                        .formatted(UUID.randomUUID(), Instant.now().plus(Duration.ofDays(1))))
                .post("/api/v1/api-tokens")
                .then()
                .statusCode(201)
                .extract();
        SignedInConsole session = SignedInConsole.signIn(token.path("secret"));
        session.request().get("/console/tokens").then().statusCode(200);

        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/api-tokens/{id}/revoke", token.<Integer>path("token.id"))
                .then()
                .statusCode(200);
        session.request()
                .get("/console/tokens")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/sign-in"));
        session.form()
                .formParam("name", "after revocation")
                .formParam("idpValue", "after-revocation-" + UUID.randomUUID())
                .formParam("priority", "1")
                .post("/console/groups")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/sign-in"));
    }

    @Test
    void theCookieIsSecureUnlessTheConsoleIsReachedOnTheLoopbackAddress() {
        Cookie named = signInCookie("promptgate.acme.example");
        assertTrue(named.isSecured(), "Secure on a real host name (behind TLS)");
        assertTrue(named.isHttpOnly());
        assertEquals("Strict", named.getSameSite());

        for (String loopback : new String[] {"localhost:8080", "127.0.0.1:8080", "[::1]:8080"}) {
            Cookie local = signInCookie(loopback);
            assertFalse(local.isSecured(), "not Secure on " + loopback + ", a trial over plain HTTP");
            assertTrue(local.isHttpOnly());
            assertEquals("Strict", local.getSameSite());
        }
    }

    private static Cookie signInCookie(String host) {
        Response response = given().redirects()
                .follow(false)
                .header("Host", host)
                .formParam("token", Tokens.BOOTSTRAP)
                .post("/console/sign-in");
        response.then().statusCode(303);
        Cookie cookie = response.getDetailedCookie(ConsoleSessionMechanism.COOKIE);
        assertNotNull(cookie, "a session cookie for " + host);
        return cookie;
    }

    /** Moves the session's sign-in and last use into the past. */
    private static void age(SignedInConsole session, Duration sinceSignIn, Duration sinceLastUse) {
        Instant now = Instant.now();
        int updated = QuarkusTransaction.requiringNew()
                .call(() -> ConsoleSession.update(
                        "createdAt = ?1, lastSeenAt = ?2 where sessionHash = ?3",
                        now.minus(sinceSignIn),
                        now.minus(sinceLastUse),
                        TokenSecrets.hash(session.cookie())));
        assertEquals(1, updated);
    }

    private static boolean stored(SignedInConsole session) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ConsoleSession.count("sessionHash", TokenSecrets.hash(session.cookie())) == 1);
    }
}
