package dev.promptgate.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.change.AnnouncedRevisions;
import dev.promptgate.change.DistributionState;
import dev.promptgate.change.Revisions;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Groups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * browser-account mode on the server: the managed browser's profile e-mail (X-Promptgate-Browser-Account) is
 * resolved through the SCIM-provisioned directory to a person and their groups, whose group rules the policy fetch
 * then applies. The address is the browser's word (docs/identity.md), so only a known, active person counts.
 */
@QuarkusTest
class BrowserAccountPolicyTest {

    @Inject
    DistributionState state;

    @Inject
    AnnouncedRevisions announced;

    static final String SERVICE = "perplexity";

    @Test
    void aKnownEmailGetsItsGroupsBundleAndAnUnknownOneTheOrganizations() {
        String scim = Scim.newToken("browser-account-test");
        String enrollment = Enrollment.newToken("browser-account-test");
        String email = "fin-" + UUID.randomUUID() + "@example.com";
        String other = "other-" + UUID.randomUUID() + "@example.com";
        String person = Scim.createUser(scim, email);
        Scim.createUser(scim, other);
        String groupName = "Finance-" + UUID.randomUUID();
        String group = Scim.createGroupWith(scim, groupName, person);
        // The Promptgate group names the directory group by its display name, as it names an OIDC groups-claim value.
        String promptgateGroup = blockFor(groupName);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> fetch(enrollment, email)
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of(promptgateGroup)))
                .body("services.find { it.key == '" + SERVICE + "' }.action", equalTo("BLOCK")));

        // In a different letter case: e-mail addresses are compared without regard to case.
        fetch(enrollment, email.toUpperCase()).then().body("groups", equalTo(List.of(promptgateGroup)));

        // A person the directory knows but who is in no group, and an address it does not know: the organization's.
        for (String address : List.of(other, "stranger-" + UUID.randomUUID() + "@example.com")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Response answer = fetch(enrollment, address);
                answer.then().statusCode(200).body("groups", equalTo(List.of()));
                assertEquals(Client.policy(enrollment).header("ETag"), answer.header("ETag"), address);
            });
        }

        // Removed from the group through SCIM: the next fetch gets the organization's policy.
        Scim.members(scim, group, "entra/remove-members.json", person);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(
                        Client.policy(enrollment).header("ETag"),
                        fetch(enrollment, email).header("ETag")));

        // Back in the group, then deactivated (soft-deleted): a deactivated person is nobody.
        Scim.members(scim, group, "entra/add-members.json", person);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> fetch(enrollment, email).then().body("groups", equalTo(List.of(promptgateGroup))));
        Scim.as(scim)
                .body(Scim.body("entra/disable-user.json", Map.of()))
                .patch("/scim/v2/Users/" + person)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> fetch(enrollment, email).then().body("groups", equalTo(List.of())));
    }

    /**
     * A directory write changes which bundle a person gets, not what any bundle says: once this replica has taken in
     * the write, a browser holding the organization's bundle still gets 304, and the person moved gets their group's.
     */
    @Test
    void aDirectoryWriteLeavesTheBundlesAsTheyAre() {
        String scim = Scim.newToken("directory-revision-test");
        String enrollment = Enrollment.newToken("directory-revision-test");
        String email = "moved-" + UUID.randomUUID() + "@example.com";
        String person = Scim.createUser(scim, email);
        String groupName = "Moved-" + UUID.randomUUID();
        String promptgateGroup = blockFor(groupName);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> fetch(enrollment, email).then().body("groups", equalTo(List.of())));
        // The organization's bundle as of the last policy change (the group and its rule just made).
        await().atMost(Duration.ofSeconds(30)).until(() -> servesCurrentPolicy(enrollment));
        String organizations = Client.policy(enrollment).header("ETag");
        Revisions before = state.revisions();

        Scim.createGroupWith(scim, groupName, person);
        Revisions after = state.revisions();
        assertEquals(before.policy(), after.policy(), "the directory does not move the policy revision");
        assertEquals(before.directory() + 2, after.directory(), "each directory write moves its own revision");
        await().atMost(Duration.ofSeconds(30)).until(() -> announced.last().directory() >= after.directory());
        assertTrue(servesCurrentPolicy(enrollment), "the bundle served is that of the last policy change");

        Client.request(enrollment)
                .header("If-None-Match", organizations)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(304);
        fetch(enrollment, email).then().statusCode(200).body("groups", equalTo(List.of(promptgateGroup)));
    }

    /** Whether the organization's bundle served now was issued at the last committed policy change. */
    private boolean servesCurrentPolicy(String enrollment) {
        String issuedAt = Client.policy(enrollment).path("issuedAt");
        return Instant.parse(issuedAt).equals(state.policyChangedAt());
    }

    /** On the replica that took a directory write, the person's next fetch already follows it. */
    @Test
    void aDirectoryWriteHoldsFromThePersonsNextFetchOnThisReplica() {
        String scim = Scim.newToken("directory-at-once-test");
        String enrollment = Enrollment.newToken("directory-at-once-test");
        String email = "at-once-" + UUID.randomUUID() + "@example.com";
        String person = Scim.createUser(scim, email);
        String groupName = "AtOnce-" + UUID.randomUUID();
        String group = Scim.createGroupWith(scim, groupName, person);
        String promptgateGroup = blockFor(groupName);
        // The group and its rule are a policy change, which this replica compiles when the listener announces it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> fetch(enrollment, email)
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of(promptgateGroup))));
        // Repeated, because identities forgotten only when the listener hears of the write pass now and then.
        for (int i = 0; i < 10; i++) {
            Scim.members(scim, group, "entra/remove-members.json", person);
            fetch(enrollment, email).then().statusCode(200).body("groups", equalTo(List.of()));
            Scim.members(scim, group, "entra/add-members.json", person);
            fetch(enrollment, email).then().statusCode(200).body("groups", equalTo(List.of(promptgateGroup)));
        }
    }

    @Test
    void aGroupLinkedByTheDirectoryGroupsIdSelectsItsRules() {
        String scim = Scim.newToken("browser-account-id-test");
        String enrollment = Enrollment.newToken("browser-account-id-test");
        String email = "byid-" + UUID.randomUUID() + "@example.com";
        String person = Scim.createUser(scim, email);
        blockFor(Scim.createGroupWith(scim, "ById-" + UUID.randomUUID(), person));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> fetch(enrollment, email)
                .then()
                .statusCode(200)
                .body("services.find { it.key == '" + SERVICE + "' }.action", equalTo("BLOCK")));
    }

    @Test
    void aBrowserAccountIsNoSubstituteForTheEnrollmentToken() {
        given().header(IdentityResolver.BROWSER_ACCOUNT_HEADER, "someone@example.com")
                .get("/api/v1/client/policy")
                .then()
                .statusCode(401);
    }

    /** A Promptgate group selected by this IdP value, blocking the service; its name. */
    static String blockFor(String idpValue) {
        return Groups.blocking(idpValue, SERVICE);
    }

    static Response fetch(String enrollment, String email) {
        return Client.request(enrollment)
                .header(IdentityResolver.BROWSER_ACCOUNT_HEADER, email)
                .get("/api/v1/client/policy");
    }
}
