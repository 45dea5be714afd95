package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in console user, for tests: the session cookie and the CSRF token the pages carry. */
record SignedInConsole(String cookie, String csrf) {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    static SignedInConsole signIn(String token) {
        Response signIn =
                given().redirects().follow(false).formParam("token", token).post("/console/sign-in");
        signIn.then().statusCode(303);
        String cookie = signIn.getCookie(ConsoleSessionMechanism.COOKIE);
        String page = given().redirects()
                .follow(false)
                .cookie(ConsoleSessionMechanism.COOKIE, cookie)
                .get("/console/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher csrf = CSRF.matcher(page);
        assertTrue(csrf.find(), "every console page carries the CSRF token");
        return new SignedInConsole(cookie, csrf.group(1));
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookie(ConsoleSessionMechanism.COOKIE, cookie);
    }

    /** A change posted the way the console's forms post it, with the CSRF token. */
    RequestSpecification form() {
        return request().formParam("csrf", csrf);
    }
}
