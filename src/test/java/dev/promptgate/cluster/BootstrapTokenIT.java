package dev.promptgate.cluster;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.config.EmbeddedDatabase;
import dev.promptgate.security.TokenSecrets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap admin token's lifecycle against the packaged server, restarted on the same database (ADR 27):
 * generated and printed at the first start only, stored as a hash, expiring, revoked when not allowed (a new one
 * when allowed again), and off by default once an identity provider is configured.
 */
class BootstrapTokenIT {

    private static final Pattern GENERATED = Pattern.compile("pg_bt_[A-Za-z0-9_-]{43}");
    private static final String ADMIN_ONLY = "/api/v1/api-tokens";

    private EmbeddedPostgres postgres;
    private final List<ServerProcess> started = new ArrayList<>();

    @BeforeEach
    void startDatabase() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("promptgate-bootstrap"), 0);
    }

    @AfterEach
    void stopEverything() throws Exception {
        started.forEach(ServerProcess::close);
        postgres.close();
    }

    @Test
    void generatedTokenIsPrintedOnceExpiresAndIsReplacedNotRevivedAfterBeingDisallowed() throws SQLException {
        ServerProcess first = start("bootstrap-first", Map.of());
        String token = onlyGeneratedTokenIn(first.log());
        assertEquals(200, status(first, token));
        try (Connection db = database();
                ResultSet row = db.createStatement()
                        .executeQuery("select token_hash, prefix, extract(epoch from expires_at - created_at)::bigint"
                                + " from api_token where kind = 'BOOTSTRAP' and revoked_at is null")) {
            assertTrue(row.next(), "a live bootstrap token is stored");
            assertEquals(TokenSecrets.hash(token), row.getString(1), "stored as its SHA-256");
            assertTrue(token.startsWith(row.getString(2)) && row.getString(2).length() < token.length());
            assertEquals(24 * 3600, row.getLong(3), "expires 24 h after it was made");
        }
        first.close();

        ServerProcess second = start("bootstrap-second", Map.of());
        assertFalse(second.log().contains("pg_bt_"), "a later start prints nothing of the token");
        assertEquals(200, status(second, token));
        second.close();

        ServerProcess disallowed = start("bootstrap-disallowed", Map.of("PROMPTGATE_BOOTSTRAP_ENABLED", "false"));
        assertEquals(401, status(disallowed, token));
        assertEquals(0, liveBootstrapTokens(), "not allowed: revoked in the database");
        disallowed.close();

        ServerProcess again = start("bootstrap-again", Map.of());
        String renewed = onlyGeneratedTokenIn(again.log());
        assertNotEquals(token, renewed);
        assertEquals(401, status(again, token), "the revoked token does not come back");
        assertEquals(200, status(again, renewed));
    }

    @Test
    void expiredTokenIsRefusedAndTheLogSaysWhyWithoutTheSecret() {
        String configured = "pg_bt_short-lived-bootstrap-token-0123456789";
        ServerProcess server = start(
                "bootstrap-expiring",
                Map.of("PROMPTGATE_BOOTSTRAP_TOKEN", configured, "PROMPTGATE_BOOTSTRAP_LIFETIME", "15s"));
        assertEquals(200, status(server, configured));
        await("the bootstrap token expires")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> status(server, configured) == 401);
        given().baseUri(server.url())
                .auth()
                .oauth2(configured)
                .get(ADMIN_ONLY)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        await("the refusal is logged").atMost(Duration.ofSeconds(10)).until(() -> server.log()
                .contains("Refused the bootstrap admin token"));
        String log = server.log();
        assertTrue(log.contains("expired at"), log);
        assertFalse(log.contains(configured), "the secret is never logged");
    }

    @Test
    void withAnIdentityProviderTheBootstrapTokenIsOffUnlessAllowed() throws SQLException {
        Map<String, String> oidc = new java.util.HashMap<>(Map.of(
                "QUARKUS_OIDC_TENANT_ENABLED", "true",
                "QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + ServerProcess.freePort() + "/realms/acme",
                "QUARKUS_OIDC_CLIENT_ID", "promptgate",
                "QUARKUS_OIDC_TOKEN_AUDIENCE", "promptgate",
                "PROMPTGATE_BOOTSTRAP_TOKEN", ServerProcess.BOOTSTRAP_TOKEN));
        Map<String, String> allowed = new java.util.HashMap<>(oidc);
        allowed.put("PROMPTGATE_BOOTSTRAP_ENABLED", "true");
        ServerProcess optedIn = start("bootstrap-oidc-allowed", allowed);
        assertEquals(200, status(optedIn, ServerProcess.BOOTSTRAP_TOKEN), "allowed explicitly");
        optedIn.close();

        ServerProcess byDefault = start("bootstrap-oidc", oidc);
        assertEquals(401, status(byDefault, ServerProcess.BOOTSTRAP_TOKEN), "configured, but not allowed");
        assertEquals(0, liveBootstrapTokens(), "the token made before is revoked");
        assertFalse(GENERATED.matcher(byDefault.log()).find(), "nothing generated");
    }

    private ServerProcess start(String name, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>();
        // No configured token unless the test gives one: the server generates it.
        all.put("PROMPTGATE_BOOTSTRAP_TOKEN", "");
        all.putAll(env);
        ServerProcess server = ServerProcess.start(name, postgres.getJdbcUrl("postgres", "postgres"), all);
        started.add(server);
        return server;
    }

    private static int status(ServerProcess server, String token) {
        return given().baseUri(server.url())
                .auth()
                .oauth2(token)
                .get(ADMIN_ONLY)
                .statusCode();
    }

    private static String onlyGeneratedTokenIn(String log) {
        Matcher matcher = GENERATED.matcher(log);
        assertTrue(matcher.find(), "a token is printed:\n" + log);
        String token = matcher.group();
        assertFalse(matcher.find(), "printed once");
        return token;
    }

    private int liveBootstrapTokens() throws SQLException {
        try (Connection db = database();
                ResultSet count = db.createStatement()
                        .executeQuery(
                                "select count(*) from api_token where kind = 'BOOTSTRAP' and revoked_at is null")) {
            count.next();
            return count.getInt(1);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
    }
}
