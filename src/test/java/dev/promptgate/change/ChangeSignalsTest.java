package dev.promptgate.change;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Typed change events move the revisions in the writer's transaction, whatever the audit log says, and the
 * listener announces the new revisions to this replica.
 */
@QuarkusTest
class ChangeSignalsTest {

    @Inject
    DistributionState state;

    @Inject
    Event<PolicyChanged> policyChanged;

    @Inject
    AnnouncedRevisions announced;

    @Test
    void aPolicyChangeMovesThePolicyRevisionOnlyWhenItCommits() {
        Revisions before = state.revisions();
        QuarkusTransaction.requiringNew().run(() -> policyChanged.fire(new PolicyChanged("test")));
        Revisions committed = state.revisions();
        assertEquals(before.policy() + 1, committed.policy());
        assertEquals(before.tokens(), committed.tokens());

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    policyChanged.fire(new PolicyChanged("test"));
                    throw new IllegalStateException("the write fails after announcing its change");
                }));
        assertEquals(committed, state.revisions(), "a rolled-back change moves nothing");
    }

    @Test
    void aChangeEventOutsideATransactionIsRefused() {
        assertThrows(TransactionalException.class, () -> policyChanged.fire(new PolicyChanged("test")));
    }

    @Test
    void writesThatBrowsersMustSeeMoveTheirRevisionAndTheListenerAnnouncesIt() {
        Revisions start = state.revisions();

        Enrollment.newToken("change-signals");
        Revisions afterToken = state.revisions();
        assertEquals(start.tokens() + 1, afterToken.tokens(), "an enrollment token moves the token revision");
        assertEquals(start.policy(), afterToken.policy(), "and not the policy revision");

        long draft = ((Number) admin().body(Map.of("title", "Change signals", "markdown", "# Draft"))
                        .post("/api/v1/guidelines")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        assertEquals(afterToken, state.revisions(), "a draft guideline is not in any bundle");

        String etag =
                admin().get("/api/v1/guidelines/{id}", draft).then().extract().header("ETag");
        admin().header("If-Match", etag)
                .post("/api/v1/guidelines/{id}/publish", draft)
                .then()
                .statusCode(200);
        Revisions afterPublish = state.revisions();
        assertEquals(afterToken.policy() + 1, afterPublish.policy(), "publishing a guideline moves the policy");

        String pattern = "signals-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        admin().body(Map.of("pattern", pattern))
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        Revisions afterBlock = state.revisions();
        assertEquals(afterPublish.policy() + 1, afterBlock.policy(), "a blocklist entry moves the policy");

        await().atMost(Duration.ofSeconds(30)).until(() -> afterBlock.equals(announced.last()));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }
}
