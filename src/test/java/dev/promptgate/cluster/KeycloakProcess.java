package dev.promptgate.cluster;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code kc.sh start-dev}) on free loopback ports, with the realm of
 * {@code src/test/resources/keycloak/acme-realm.json} imported: the identity provider an organization runs.
 * Unpacked from Maven Central before the integration tests ({@code keycloak.home}).
 */
final class KeycloakProcess implements AutoCloseable {

    static final String REALM = "acme";

    private final Process process;
    private final int port;

    private KeycloakProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static KeycloakProcess start() throws IOException {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/missing"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(
                    "No Keycloak in " + home + ": the pre-integration-test phase unpacks it (mvn verify)");
        }
        // An in-memory database holding just the realm below; the same build options as the browser tests' Keycloak,
        // so that neither start has to rebuild Keycloak for the other's.
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakProcess.class.getResourceAsStream("/keycloak/acme-realm.json")) {
            Files.copy(realm, imports.resolve("acme-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = ServerProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                "bash",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + ServerProcess.freePort(),
                "--import-realm"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        Path log = Path.of("target/replica-logs/keycloak.log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), port);
        try {
            keycloak.awaitRealm(Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    /** The issuer of the realm's tokens: what Promptgate's {@code quarkus.oidc.auth-server-url} names. */
    String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** An access token for a user of the realm, from a client of it (resource owner password grant). */
    String accessToken(String client, String user, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", client)
                .formParam("username", user)
                .formParam("password", password)
                .formParam("scope", "openid")
                .post(realmUrl() + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private void awaitRealm(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with " + process.exitValue() + "; see target/replica-logs/keycloak.log");
            }
            try {
                if (given().get(realmUrl() + "/.well-known/openid-configuration")
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (Exception notYet) { // RestAssured throws the ConnectException as it is
                // Not listening yet.
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(
                "Keycloak was not ready in " + timeout + "; see target/replica-logs/keycloak.log");
    }

    @Override
    public void close() {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        all.forEach(ProcessHandle::destroy);
        try {
            for (ProcessHandle handle : all) {
                handle.onExit().get(20, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
