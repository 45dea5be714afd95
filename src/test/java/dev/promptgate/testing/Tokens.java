package dev.promptgate.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Access tokens shaped like Keycloak's ({@code realm_access.roles}, {@code groups}), signed with the test OIDC
 * server's key, and the wrong ones: expired, or signed by a key the server does not publish.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
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

    public static String user(String name, List<String> realmRoles, List<String> groups) {
        return claims(name, realmRoles, groups).expiresIn(300).jws().keyId("1").sign(SIGNING_KEY);
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

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(
            String name, List<String> realmRoles, List<String> groups) {
        return Jwt.issuer(ISSUER)
                .subject(name + "-id")
                .preferredUserName(name)
                .claim("realm_access", Map.of("roles", realmRoles))
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
