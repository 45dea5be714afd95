package dev.promptgate.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A console change without its session's CSRF token is refused and changes nothing. */
@QuarkusTest
class ConsoleCsrfTest {

    @Test
    void changeWithoutCsrfTokenIsRefused() {
        SignedInConsole session = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String name = "csrf-" + UUID.randomUUID();
        session.request()
                .formParam("name", name)
                .formParam("idpValue", name)
                .formParam("priority", "1")
                .post("/console/groups")
                .then()
                .statusCode(403);
        session.request().get("/console/groups").then().statusCode(200).body(not(containsString(name)));
    }

    @Test
    void changeWithAnotherSessionsCsrfTokenIsRefused() {
        SignedInConsole mine = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        SignedInConsole other = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String name = "csrf-" + UUID.randomUUID();
        mine.request()
                .formParam("csrf", other.csrf())
                .formParam("name", name)
                .formParam("idpValue", name)
                .formParam("priority", "1")
                .post("/console/groups")
                .then()
                .statusCode(403);
    }

    @Test
    void changeWithTheCsrfTokenIsMade() {
        SignedInConsole session = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String name = "csrf-" + UUID.randomUUID();
        session.form()
                .formParam("name", name)
                .formParam("idpValue", name)
                .formParam("priority", "1")
                .post("/console/groups")
                .then()
                .statusCode(303);
        session.request().get("/console/groups").then().statusCode(200).body(containsString(name));
    }
}
