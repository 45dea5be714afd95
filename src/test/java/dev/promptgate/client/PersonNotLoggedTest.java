package dev.promptgate.client;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.EventSettings;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A person's e-mail address never reaches the server's log: not when their events are stored (even in identified
 * mode), not when their token is refused, not when their events are refused.
 */
@QuarkusTest
class PersonNotLoggedTest {

    /** Everything logged while it is attached, as the log would print it. */
    static final class Captured extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            for (Throwable e = record.getThrown(); e != null; e = e.getCause()) {
                line.append(' ').append(e);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void theEmailOfAPersonIsNeverLogged() {
        String local = "privacy-" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@example.com";
        String enrollment = Enrollment.newToken("person-not-logged-test");
        String device = UUID.randomUUID().toString();
        int published = Guidelines.publishNew("Not logged " + local);
        Captured captured = new Captured();
        Logger root = Logger.getLogger("");
        root.addHandler(captured);
        EventSettings.switchTo("IDENTIFIED");
        try {
            org.jboss.logging.Logger.getLogger(PersonNotLoggedTest.class).info("capture-check");
            String token = Tokens.person(email, List.of("idp-none"));
            given().auth()
                    .oauth2(enrollment)
                    .header(IdentityResolver.USER_TOKEN_HEADER, token)
                    .get("/api/v1/client/policy")
                    .then()
                    .statusCode(200);
            post(
                            enrollment,
                            token,
                            List.of(
                                    visit(device, "chatgpt", "chatgpt.com"),
                                    with(
                                            with(visit(device, null, null), "type", "acknowledged"),
                                            "guidelineVersion",
                                            published),
                                    with(visit(device, null, "https://chatgpt.com/c/1"), "user", email)))
                    .statusCode(202)
                    .body("accepted", equalTo(2));
            String expired = Jwt.issuer(Tokens.ISSUER)
                    .audience(Tokens.AUDIENCE)
                    .subject(local)
                    .claim("email", email)
                    .issuedAt(Instant.now().minusSeconds(3600))
                    .expiresAt(Instant.now().minusSeconds(1800))
                    .jws()
                    .keyId("1")
                    .sign("privateKey.jwk");
            post(enrollment, expired, List.of(visit(device, "chatgpt", "chatgpt.com")))
                    .statusCode(401);
            given().auth()
                    .oauth2(Tokens.admin())
                    .queryParam("user", email)
                    .get("/api/v1/events")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(2));
        } finally {
            EventSettings.switchTo("PSEUDONYMOUS");
            root.removeHandler(captured);
        }
        assertTrue(
                captured.lines.stream().anyMatch(line -> line.contains("capture-check")),
                "the log records of the server are captured");
        List<String> naming =
                captured.lines.stream().filter(line -> line.contains(local)).toList();
        assertEquals(List.of(), naming, "log lines naming the person");
    }
}
