package dev.promptgate.deploy;

import static dev.promptgate.deploy.PolicyDocuments.TOKEN;
import static dev.promptgate.deploy.PolicyDocuments.fetch;
import static dev.promptgate.deploy.PolicyDocuments.json;
import static dev.promptgate.deploy.PolicyDocuments.plist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.testing.ConfiguredServer;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents from a server with its public URL, pinned signing keys and its own extension coordinates set. */
@QuarkusTest
@TestProfile(ConfiguredServer.class)
class ConfiguredDeploymentTest {

    static final String EDGE_ID = ConfiguredServer.EDGE_ID;
    static final String EDGE_STORE = ConfiguredServer.EDGE_STORE;
    static final String JWK = ConfiguredServer.PINNED_JWK;

    @Test
    void serverUrlDefaultsToTheConfiguredPublicUrl() {
        JsonNode managed = json(fetch(Tokens.admin(), "chrome", null, TOKEN)
                        .body()
                        .asString())
                .path("3rdparty")
                .path("extensions")
                .path(DeploymentResourceTest.CHROME_ID);
        assertEquals("https://promptgate.example.com", managed.path("serverUrl").asText());
    }

    @Test
    void chromeInstallsFromThisServersPublicAddressByDefault() {
        JsonNode chrome =
                json(fetch(Tokens.admin(), "chrome", null, TOKEN).body().asString());
        assertEquals(
                DeploymentResourceTest.CHROME_ID + ";https://promptgate.example.com/api/v1/extension/update.xml",
                chrome.path("ExtensionInstallForcelist").path(0).asText());
    }

    @Test
    void configuredSigningKeysArePinnedInEveryFormat() {
        JsonNode expected = json("[" + JWK + "]");
        JsonNode chrome =
                json(fetch(Tokens.admin(), "chrome", null, TOKEN).body().asString());
        assertEquals(
                expected,
                chrome.path("3rdparty")
                        .path("extensions")
                        .path(DeploymentResourceTest.CHROME_ID)
                        .path("signingKeys"));

        JsonNode firefox =
                json(fetch(Tokens.admin(), "firefox", null, TOKEN).body().asString());
        JsonNode firefoxManaged =
                firefox.path("policies").path("3rdparty").path("Extensions").path("promptgate@promptgate.dev");
        assertEquals(expected, firefoxManaged.path("signingKeys"));

        String reg =
                fetch(Tokens.admin(), "chrome", "windows-reg", TOKEN).body().asString();
        String line = List.of(reg.split("\r\n")).stream()
                .filter(l -> l.startsWith("\"signingKeys\"="))
                .findFirst()
                .orElseThrow();
        assertEquals(expected, json(RegFileTest.unquote(line.substring("\"signingKeys\"=".length()))));

        byte[] profile = fetch(Tokens.admin(), "chrome", "macos-mobileconfig", TOKEN)
                .body()
                .asString()
                .getBytes(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> extension =
                ((List<Map<String, Object>>) ((Map<String, Object>) plist(profile)).get("PayloadContent")).get(1);
        List<?> keys = (List<?>) extension.get("signingKeys");
        assertEquals("k1", ((Map<?, ?>) keys.get(0)).get("kid"));
    }

    @Test
    void edgeFromItsStoreUsesItsOwnExtensionIdEverywhere() {
        JsonNode edge = json(fetch(Tokens.admin(), "edge", null, TOKEN).body().asString());
        assertEquals(
                EDGE_STORE,
                edge.path("ExtensionSettings").path(EDGE_ID).path("update_url").asText());
        assertEquals(
                EDGE_ID + ";" + EDGE_STORE,
                edge.path("ExtensionInstallForcelist").path(0).asText());
        assertEquals(
                EDGE_ID,
                edge.path("MandatoryExtensionsForInPrivateNavigation").path(0).asText());
        assertTrue(edge.path("3rdparty").path("extensions").has(EDGE_ID));

        String reg = fetch(Tokens.admin(), "edge", "windows-reg", TOKEN).body().asString();
        assertTrue(reg.contains("\\3rdparty\\extensions\\" + EDGE_ID + "\\policy]\r\n"), reg);
    }

    @Test
    void firefoxInstallsFromTheConfiguredUrl() {
        JsonNode settings = json(fetch(Tokens.admin(), "firefox", null, TOKEN)
                        .body()
                        .asString())
                .path("policies")
                .path("ExtensionSettings")
                .path("promptgate@promptgate.dev");
        assertEquals(
                "https://downloads.example.com/promptgate.xpi",
                settings.path("install_url").asText());
    }
}
