package dev.promptgate.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Access tokens shaped like Keycloak's (client roles in {@code resource_access.promptgate.roles}, {@code groups}),
 * for the audience {@code promptgate}, signed with the test OIDC server's key, and the wrong ones: expired, signed by a
 * key the server does not publish, issued to another application of the realm, or with realm roles only.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    /** The audience the server requires: its client ID ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "promptgate";

    public static final String BOOTSTRAP = "pg_bt_test-bootstrap-token-0123456789abcdef";
    private static final String SIGNING_KEY = "privateKey.jwk";

    private Tokens() {}

    public static String admin() {
        return user("alice", List.of("admin"), List.of());
    }

    public static String viewer() {
        return user("victor", List.of("viewer"), List.of());
    }

    /** A valid token whose roles grant nothing in Promptgate. */
    public static String noRole() {
        return user("nora", List.of("offline_access"), List.of());
    }

    public static String user(String name, List<String> clientRoles, List<String> groups) {
        return claims(name, clientRoles, groups).expiresIn(300).jws().keyId("1").sign(SIGNING_KEY);
    }

    /** An admin by the realm's roles alone: what any application of the realm sees, which is not Promptgate's say. */
    public static String realmAdmin() {
        return Jwt.issuer(ISSUER)
                .subject("rita-id")
                .preferredUserName("rita")
                .audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", List.of("admin", "viewer")))
                .expiresIn(300)
                .jws()
                .keyId("1")
                .sign(SIGNING_KEY);
    }

    /** A Promptgate admin's token, signed by the same provider, but issued to another application of the realm. */
    public static String otherAudience() {
        return claims("alice", List.of("admin"), List.of())
                .audience("another-application")
                .expiresIn(300)
                .jws()
                .keyId("1")
                .sign(SIGNING_KEY);
    }

    /** A browser user's access token naming a person by e-mail, in these IdP groups. */
    public static String person(String email, List<String> groups) {
        return claims(email.substring(0, email.indexOf('@')), List.of(), groups)
                .claim("email", email)
                .expiresIn(300)
                .jws()
                .keyId("1")
                .sign(SIGNING_KEY);
    }

    public static String expired() {
        return claims("alice", List.of("admin"), List.of())
                .issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(1800))
                .jws()
                .keyId("1")
                .sign(SIGNING_KEY);
    }

    public static String signedByAnotherKey() {
        return claims("alice", List.of("admin"), List.of())
                .expiresIn(300)
                .jws()
                .keyId("1")
                .sign(foreignKey());
    }

    /** The claims every token of the realm's users carries, for this server's audience. */
    public static io.smallrye.jwt.build.JwtClaimsBuilder claims(
            String name, List<String> clientRoles, List<String> groups) {
        return Jwt.issuer(ISSUER)
                .subject(name + "-id")
                .preferredUserName(name)
                .audience(AUDIENCE)
                .claim("resource_access", Map.of(AUDIENCE, Map.of("roles", clientRoles)))
                .groups(new java.util.HashSet<>(groups));
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
