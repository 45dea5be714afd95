package dev.promptgate.client;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.identity.Identity;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verified user tokens are kept by hash until they expire, so that the fast path serves people from memory. */
@QuarkusTest
class KnownIdentitiesTest {

    @Inject
    KnownIdentities identities;

    String enrollment;

    @BeforeEach
    void enroll() {
        enrollment = Enrollment.newToken("known-identities-test");
    }

    @Test
    void aVerifiedTokenIsKeptAndAnsweredFromMemoryWithTheSameBundle() {
        String token = Tokens.person("kim-" + UUID.randomUUID() + "@example.com", List.of("idp-unknown"));
        assertTrue(identities.cached(token, null).isEmpty());
        String etag = fetch(token).statusCode(200).extract().header("ETag");
        Identity kept = identities.cached(token, null).orElseThrow();
        assertEquals(Identity.Kind.OIDC, kept.kind());
        assertEquals(Set.of("idp-unknown"), kept.groups());
        fetch(token).statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void aRefusedTokenIsNeverKeptAndRefusedEveryTime() {
        String bad = Tokens.signedByAnotherKey();
        for (int i = 0; i < 3; i++) {
            fetch(bad).statusCode(401);
            assertTrue(identities.cached(bad, null).isEmpty());
        }
    }

    @Test
    void aKeptIdentityEndsWithItsToken() {
        String token = Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .subject("brief-" + UUID.randomUUID())
                .claim("email", "brief@example.com")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
        fetch(token).statusCode(200);
        // Served from memory while it lives; refused once it expired, by the resource that verifies it again.
        await().atMost(Duration.ofSeconds(30)).until(() -> fetchStatus(token) == 401);
        assertTrue(identities.cached(token, null).isEmpty());
    }

    @Test
    void aTokenTtlIsItsRemainingLifeAtMostTheLongest() {
        String soon = Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .expiresAt(Instant.now().plusSeconds(30))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
        long ttl = KnownIdentities.ttlNanos(soon);
        assertTrue(
                ttl > Duration.ofSeconds(25).toNanos()
                        && ttl <= Duration.ofSeconds(30).toNanos(),
                "ttl " + ttl);
        String late = Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .expiresAt(Instant.now().plusSeconds(86_400))
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
        assertEquals(KnownIdentities.LONGEST.toNanos(), KnownIdentities.ttlNanos(late));
        assertEquals(KnownIdentities.LONGEST.toNanos(), KnownIdentities.ttlNanos("opaque-token"));
    }

    private ValidatableResponse fetch(String userToken) {
        return given().auth()
                .oauth2(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, userToken)
                .get("/api/v1/client/policy")
                .then();
    }

    private int fetchStatus(String userToken) {
        return fetch(userToken).extract().statusCode();
    }
}
