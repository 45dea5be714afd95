package dev.promptgate.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.api.ProblemException;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where browsers are told to reach the server comes from configuration, never from the Host header a caller
 * chooses: without a public URL, production refuses with 400 saying how to set it.
 */
@QuarkusTest
class HostHeaderTest {

    @Test
    void aDeploymentDocumentIsNotWrittenForTheRequestsHost() {
        given().auth()
                .oauth2(Tokens.admin())
                .header("Host", "attacker.example")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("promptgate.public-url"))
                .body("detail", containsString("publicUrl"));
    }

    @Test
    void theUpdateManifestIsNotWrittenForTheRequestsHost() {
        given().header("Host", "attacker.example")
                .get("/api/v1/extension/update.xml")
                .then()
                .statusCode(400)
                .body("detail", containsString("PROMPTGATE_PUBLIC_URL"));
    }

    @Test
    void productionUsesOnlyTheConfiguredPublicUrl() {
        URI local = URI.create("http://localhost:8080/");
        var refused = assertThrows(
                ProblemException.NotConfigured.class, () -> new PublicAddress(Optional.empty(), true).of(local));
        assertEquals(400, refused.problem().status());
        assertTrue(refused.getMessage().contains("promptgate.public-url"));
        assertEquals(
                "https://pg.example.com",
                new PublicAddress(Optional.of("https://pg.example.com/"), true).of(URI.create("http://evil/")));
        assertEquals("http://localhost:8080", new PublicAddress(Optional.empty(), false).of(local));
        assertThrows(ProblemException.NotConfigured.class, () -> new PublicAddress(Optional.empty(), false)
                .of(URI.create("http://attacker.example/")));
    }
}
