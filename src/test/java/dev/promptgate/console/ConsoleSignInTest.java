package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import org.junit.jupiter.api.Test;

/** Signing in to the console with a token, the session cookie, sign-out, and what a signed-out request gets. */
@QuarkusTest
class ConsoleSignInTest {

    @Test
    void signedOutConsolePageRedirectsToSignIn() {
        given().redirects()
                .follow(false)
                .get("/console/groups")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/sign-in"));
    }

    @Test
    void bootstrapTokenOpensASessionWithAStrictHttpOnlyCookie() {
        var response = given().redirects()
                .follow(false)
                .formParam("token", Tokens.BOOTSTRAP)
                .post("/console/sign-in");
        response.then().statusCode(303).header("Location", endsWith("/console/"));
        Cookie cookie = response.getDetailedCookie(ConsoleSessionMechanism.COOKIE);
        assertNotNull(cookie);
        assertTrue(cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/console", cookie.getPath());
        given().redirects()
                .follow(false)
                .cookie(ConsoleSessionMechanism.COOKIE, cookie.getValue())
                .get("/console/")
                .then()
                .statusCode(200)
                .body(containsString("<h1>Overview</h1>"))
                .body(containsString("Signed in as"));
    }

    @Test
    void unknownTokenIsRefusedAndOpensNoSession() {
        given().redirects()
                .follow(false)
                .formParam("token", "pg_at_not-a-real-token-000000000000000000")
                .post("/console/sign-in")
                .then()
                .statusCode(401)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .body(containsString("unknown, expired or revoked"));
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        SignedInConsole session = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        session.form().post("/console/sign-out").then().statusCode(303);
        session.request().get("/console/").then().statusCode(303).header("Location", endsWith("/console/sign-in"));
    }

    @Test
    void signOutAlsoRemovesTheSingleSignOnTenantsSessionCookie() {
        SignedInConsole session = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        var signOut = session.form().post("/console/sign-out");
        signOut.then().statusCode(303);
        java.util.List<String> cookies = signOut.headers().getValues("Set-Cookie");
        assertTrue(
                cookies.stream()
                        .anyMatch(c -> c.startsWith("q_session_console=;")
                                && c.contains("Path=/console/sign-in/oidc")
                                && c.contains("Max-Age=0")),
                "the OIDC tenant's session cookie is removed where it lives: " + cookies);
        assertTrue(
                cookies.stream().anyMatch(c -> c.startsWith("q_session_console_chunk_1=;") && c.contains("Max-Age=0")),
                "and its chunks: " + cookies);
        assertTrue(
                cookies.stream().anyMatch(c -> c.startsWith(ConsoleSessionMechanism.COOKIE + "=;")),
                "and the console's own: " + cookies);
    }

    @Test
    void signInPostedFromAnotherSiteIsRefused() {
        given().redirects()
                .follow(false)
                .header("Origin", "https://evil.example")
                .formParam("token", Tokens.BOOTSTRAP)
                .post("/console/sign-in")
                .then()
                .statusCode(403)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void signInThatTheBrowserMarksCrossSiteIsRefused() {
        given().redirects()
                .follow(false)
                .header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "null")
                .formParam("token", Tokens.BOOTSTRAP)
                .post("/console/sign-in")
                .then()
                .statusCode(403);
    }

    @Test
    void signInFromTheConsolesOwnPageIsTaken() {
        given().redirects()
                .follow(false)
                .header("Sec-Fetch-Site", "same-origin")
                .formParam("token", Tokens.BOOTSTRAP)
                .post("/console/sign-in")
                .then()
                .statusCode(303);
    }

    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
