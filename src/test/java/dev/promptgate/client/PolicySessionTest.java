package dev.promptgate.client;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.bundle.BundleStore;
import dev.promptgate.directory.Scim;
import dev.promptgate.events.UserPseudonyms;
import dev.promptgate.identity.Identity;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Groups;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policy session handles (ADR 33): a browser that sent a verified user token gets a short handle, and its later
 * policy fetches with the handle alone get the same person's policy, until the handle expires, the policy or the
 * directory changes, or it is tampered with; then 401 session-expired, and the token again.
 */
@QuarkusTest
class PolicySessionTest {

    static final String SERVICE = "perplexity";

    String enrollment;

    @Inject
    PolicySessions sessions;

    @Inject
    BundleStore bundles;

    @Inject
    KnownIdentities identities;

    @Inject
    UserPseudonyms pseudonyms;

    @BeforeEach
    void enroll() {
        enrollment = Enrollment.newToken("policy-session-test");
    }

    @Test
    void aVerifiedTokenGetsAHandleThatSelectsTheSamePolicy() throws Exception {
        String idpGroup = "sessions-" + UUID.randomUUID();
        String group = blockFor(idpGroup);
        String token = Tokens.person("pat-" + UUID.randomUUID() + "@example.com", List.of(idpGroup));
        awaitBlocked(token);

        // Paired until no announcement of an earlier test's write came between the two.
        Response[] pair = new Response[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            pair[0] = withToken(token);
            String given = pair[0].header(PolicySessions.HEADER);
            pair[1] = given == null ? null : withHandle(given);
            return pair[1] != null && pair[1].statusCode() == 200;
        });
        Response byToken = pair[0];
        byToken.then().statusCode(200).body("groups", equalTo(List.of(group)));
        String handle = byToken.header(PolicySessions.HEADER);
        assertNotNull(handle, "a verified user token gets a handle");
        assertTrue(handle.length() < 100, "a handle is short: " + handle.length() + " characters");
        assertTrue(token.length() > 5 * handle.length(), "the token it stands for is " + token.length());

        Response byHandle = pair[1];
        byHandle.then()
                .statusCode(200)
                .body("groups", equalTo(List.of(group)))
                .body("services.find { it.key == '" + SERVICE + "' }.action", equalTo("BLOCK"));
        assertEquals(byToken.header("ETag"), byHandle.header("ETag"));
        // The resource writes the bundle's own array; the fast path reads a group's bundle partly from the
        // organization bundle's array (SharedBody): the bytes must be the same, and the signature must verify.
        assertNull(byHandle.header("Content-Encoding"));
        assertArrayEquals(byToken.asByteArray(), byHandle.asByteArray());
        assertEquals(byToken.header(ClientPolicyResource.SIGNATURE_HEADER), byHandle.header("X-Promptgate-Signature"));
        assertTrue(ClientPolicyTest.verifies(byHandle.header("X-Promptgate-Signature"), byHandle.asByteArray()));
        assertNull(byHandle.header(PolicySessions.HEADER), "a handle is not handed out again for a handle");

        Client.request(enrollment)
                .header(PolicySessions.HEADER, handle)
                .header("If-None-Match", byToken.header("ETag"))
                .get("/api/v1/client/policy")
                .then()
                .statusCode(304);
    }

    @Test
    void theHandlesOfPeopleInTheSameGroupsSelectOneSharedSelection() {
        String idpGroup = "sessions-" + UUID.randomUUID();
        blockFor(idpGroup);
        // Tokens that expire at different times, so that the two handles differ (a handle names groups, not people).
        String first = personExpiringIn("ann", idpGroup, 300);
        String second = personExpiringIn("bo", idpGroup, 240);
        awaitBlocked(first);

        // Asked again if an earlier test's change came between the two handles (the first then no longer holds).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String a = workingHandle(first);
            String b = workingHandle(second);
            assertNotEquals(a, b, "each person has a handle of their own");
            var selected = sessions.verify(a);
            var alsoSelected = sessions.verify(b);
            assertTrue(selected.isPresent() && alsoSelected.isPresent());
            // One object for the whole group's people: what every fetch reads stays in the processor's cache.
            assertSame(selected.get(), alsoSelected.get());
        });
    }

    @Test
    void nobodyNamedGetsNoHandle() {
        Response org = Client.policy(enrollment);
        org.then().statusCode(200);
        assertNull(org.header(PolicySessions.HEADER));
    }

    @Test
    void aTamperedOrMadeUpHandleIsRefused() {
        String idpGroup = "tamper-" + UUID.randomUUID();
        blockFor(idpGroup);
        String token = Tokens.person("tam-" + UUID.randomUUID() + "@example.com", List.of(idpGroup));
        awaitBlocked(token);
        String handle = workingHandle(token);
        String[] parts = handle.split("\\.");
        // Another person's groups, a later expiry, another revision: each breaks the signature.
        String otherGroups = String.join(".", parts[0], parts[1], parts[2], parts[3], "1-2-3", parts[5]);
        String later = String.join(".", parts[0], "9" + parts[1], parts[2], parts[3], parts[4], parts[5]);
        String noGroups = String.join(".", parts[0], parts[1], parts[2], parts[3], "", parts[5]);
        for (String bad :
                List.of(otherGroups, later, noGroups, "1.2.3.4..AAAAAAAAAAAAAAAAAAAAAA", "x", "a".repeat(5000))) {
            assertSessionExpired(withHandle(bad));
        }
        withHandle(handle).then().statusCode(200);
    }

    @Test
    void aHandleIsNoSubstituteForTheEnrollmentToken() {
        String token = Tokens.person("enr-" + UUID.randomUUID() + "@example.com", List.of());
        String handle = workingHandle(token);
        given().header(PolicySessions.HEADER, handle)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(401);
        Client.request("pg_et_" + "x".repeat(40))
                .header(PolicySessions.HEADER, handle)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(401);
    }

    @Test
    void aHandleEndsWhenThePolicyChanges() {
        String token = Tokens.person("pol-" + UUID.randomUUID() + "@example.com", List.of());
        String handle = workingHandle(token);
        blockFor("policy-change-" + UUID.randomUUID());
        // The change reaches this replica's bundles when the listener announces it.
        await().atMost(Duration.ofSeconds(30)).until(() -> withHandle(handle).statusCode() == 401);
        assertSessionExpired(withHandle(handle));
        String renewed = workingHandle(token);
        assertTrue(!renewed.equals(handle), "the renewed handle is bound to the new policy revision");
    }

    @Test
    void aDirectoryChangeEndsTheHandlesOnTheReplicaThatTookItAtOnce() {
        String scim = Scim.newToken("policy-session-directory");
        String email = "dir-" + UUID.randomUUID() + "@example.com";
        String person = Scim.createUser(scim, email);
        String directoryGroup = "SessionDir-" + UUID.randomUUID();
        String group = Scim.createGroupWith(scim, directoryGroup, person);
        String promptgateGroup = blockFor(directoryGroup);
        // The token names no group: the directory's membership decides.
        String token = Tokens.person(email, List.of());
        awaitBlocked(token);

        for (int i = 0; i < 5; i++) {
            String handle = workingHandle(token);
            withHandle(handle).then().statusCode(200).body("groups", equalTo(List.of(promptgateGroup)));
            Scim.members(scim, group, "entra/remove-members.json", person);
            // No waiting: the handle stops counting here when the write commits, before the SCIM answer.
            assertSessionExpired(withHandle(handle));
            Response removed = withToken(token);
            removed.then().statusCode(200).body("groups", equalTo(List.of()));
            Scim.members(scim, group, "entra/add-members.json", person);
            String outside = removed.header(PolicySessions.HEADER);
            if (outside != null) {
                assertSessionExpired(withHandle(outside));
            }
        }
    }

    @Test
    void aHandleDoesNotOutliveItsToken() {
        String token = Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .subject("brief-" + UUID.randomUUID())
                .claim("email", "brief-" + UUID.randomUUID() + "@example.com")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(8))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
        long tokenExpiry = Instant.now().plusSeconds(8).getEpochSecond();
        String handle = workingHandle(token);
        long expiresAt = Long.parseLong(handle.split("\\.")[1]);
        assertTrue(expiresAt <= tokenExpiry, "the handle expires at " + expiresAt + ", the token at " + tokenExpiry);
        await().atMost(Duration.ofSeconds(30)).until(() -> withHandle(handle).statusCode() == 401);
        assertSessionExpired(withHandle(handle));
    }

    @Test
    void aHandleLastsAsLongAsItsTokenAndAtMostAnHour() {
        String idpGroup = "lifetime-" + UUID.randomUUID();
        blockFor(idpGroup);
        String halfHour = personExpiringIn("half", idpGroup, 1800);
        String threeHours = personExpiringIn("three", idpGroup, 3 * 3600);
        awaitBlocked(halfHour);

        long tokenExpiry = Long.parseLong(workingHandle(halfHour).split("\\.")[1]);
        long now = Instant.now().getEpochSecond();
        // The token's expiry, not the ten minutes a replica keeps a verified identity in memory.
        assertTrue(
                tokenExpiry > now + 1700 && tokenExpiry <= now + 1800,
                "a handle for a token that expires in 30 minutes expires in " + (tokenExpiry - now) + " s");
        long capped = Long.parseLong(workingHandle(threeHours).split("\\.")[1]);
        now = Instant.now().getEpochSecond();
        assertTrue(
                capped > now + 3500 && capped <= now + 3600,
                "a handle for a token that expires in 3 hours expires in " + (capped - now) + " s");
    }

    @Test
    void atCapacityTheHandlesThatNoLongerCountGoFirst() {
        // Repeated if an earlier test's change moved the policy revision meanwhile (every handle then stops counting).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PolicySessions bounded = new PolicySessions(bundles, identities, pseudonyms, 3);
            long now = System.currentTimeMillis();
            String brief = handleExpiringAt(bounded, now + 1_500);
            String first = handleExpiringAt(bounded, now + 60_000);
            String second = handleExpiringAt(bounded, now + 61_000);
            for (String handle : List.of(brief, first, second)) {
                assertTrue(bounded.verify(handle).isPresent());
            }
            assertEquals(3, bounded.held());
            long briefExpiry = Long.parseLong(brief.split("\\.")[1]);
            await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 >= briefExpiry);

            String third = handleExpiringAt(bounded, now + 62_000);
            assertTrue(bounded.verify(third).isPresent());
            // The expired handle made room; the ones that still count stayed.
            assertEquals(3, bounded.held());
            assertTrue(
                    bounded.verify(first).isPresent() && bounded.verify(second).isPresent());
            assertEquals(3, bounded.held(), "the handles that stayed were not verified and added again");
            assertTrue(bounded.verify(brief).isEmpty());
        });
    }

    @Test
    void aFleetLargerThanTheBoundStartsOverAndEveryHandleStillVerifies() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PolicySessions bounded = new PolicySessions(bundles, identities, pseudonyms, 2);
            long now = System.currentTimeMillis();
            String first = handleExpiringAt(bounded, now + 60_000);
            String second = handleExpiringAt(bounded, now + 61_000);
            String third = handleExpiringAt(bounded, now + 62_000);
            assertTrue(
                    bounded.verify(first).isPresent() && bounded.verify(second).isPresent());
            assertEquals(2, bounded.held());
            assertTrue(bounded.verify(third).isPresent());
            assertEquals(1, bounded.held(), "all handles counted, so all went to make room");
            assertTrue(bounded.verify(first).isPresent(), "a handle dropped for room verifies again");
        });
    }

    @Test
    void aHandleThatNoLongerCountsIsDroppedWhenPresented() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PolicySessions own = new PolicySessions(bundles, identities, pseudonyms, 10);
            String brief = handleExpiringAt(own, System.currentTimeMillis() + 1_500);
            assertTrue(own.verify(brief).isPresent());
            assertEquals(1, own.held());
            long expiry = Long.parseLong(brief.split("\\.")[1]);
            await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 >= expiry);
            assertTrue(own.verify(brief).isEmpty());
            assertEquals(0, own.held());
        });
    }

    /** A handle for nobody's groups (the organization bundle) that expires at the given time. */
    private String handleExpiringAt(PolicySessions issuer, long expiresAtMillis) {
        var verified = new KnownIdentities.Verified(
                new Identity(Identity.Kind.OIDC, "bound-" + UUID.randomUUID(), Set.of()),
                identities.directoryRevision(),
                expiresAtMillis);
        return issuer.issue(verified).orElseThrow();
    }

    /** Waits until this person's policy has the group rule blockFor made (the last write of a test's setup). */
    private void awaitBlocked(String token) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> withToken(token)
                .then()
                .statusCode(200)
                .body("services.find { it.key == '" + SERVICE + "' }.action", equalTo("BLOCK")));
    }

    /**
     * A handle for this token that the next fetch accepts: asked for again if the announcement of an earlier test's
     * change came between the two (the handle is then refused, as it should be).
     */
    private String workingHandle(String token) {
        String[] handle = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            handle[0] = withToken(token).header(PolicySessions.HEADER);
            return handle[0] != null && withHandle(handle[0]).statusCode() == 200;
        });
        return handle[0];
    }

    private static void assertSessionExpired(Response response) {
        response.then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://promptgate.dev/problems/session-expired"));
    }

    private static String personExpiringIn(String name, String idpGroup, long seconds) {
        return Tokens.claims(name, List.of(), List.of(idpGroup))
                .claim("email", name + "-" + UUID.randomUUID() + "@example.com")
                .expiresIn(seconds)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
    }

    private Response withToken(String token) {
        return Client.request(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, token)
                .get("/api/v1/client/policy");
    }

    private Response withHandle(String handle) {
        return Client.request(enrollment).header(PolicySessions.HEADER, handle).get("/api/v1/client/policy");
    }

    /** A Promptgate group selected by this IdP value, blocking the service; its name. */
    private static String blockFor(String idpValue) {
        return Groups.blocking(idpValue, SERVICE);
    }
}
