package dev.promptgate.deploy;

import static dev.promptgate.deploy.PolicyDocuments.TOKEN;
import static dev.promptgate.deploy.PolicyDocuments.fetch;
import static dev.promptgate.deploy.PolicyDocuments.json;
import static dev.promptgate.deploy.PolicyDocuments.plist;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentResourceTest {

    /** The ID of the package the server offers (the test profile's bundled CRX, src/test/resources/crx/). */
    static final String CHROME_ID = "kdopennlimmhhpfodboanldkpgmpdlpi";

    private static final String SERVER = "https://promptgate.example.com";
    private static final String UPDATE_URL = SERVER + "/api/v1/extension/update.xml";
    private static final String CHROME_ROOT = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome";
    private static final String EDGE_ROOT = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge";

    private static ExtractableResponse<Response> ok(String browser, String format, String token) {
        ExtractableResponse<Response> response = fetch(Tokens.admin(), browser, format, token, SERVER);
        assertEquals(200, response.statusCode(), response.body().asString());
        return response;
    }

    @Test
    void chromeLinuxJsonForceInstallsPinsConfiguresAndTurnsOffIncognito() {
        ExtractableResponse<Response> response = ok("chrome", null, TOKEN);
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals("attachment; filename=promptgate-chrome.json", response.header("Content-Disposition"));

        JsonNode policy = json(response.body().asString());
        JsonNode settings = policy.path("ExtensionSettings").path(CHROME_ID);
        assertEquals("force_installed", settings.path("installation_mode").asText());
        assertEquals(UPDATE_URL, settings.path("update_url").asText());
        assertTrue(settings.path("override_update_url").asBoolean(), "updates come from the same update URL");
        assertEquals("force_pinned", settings.path("toolbar_pin").asText());
        assertEquals(
                CHROME_ID + ";" + UPDATE_URL,
                policy.path("ExtensionInstallForcelist").path(0).asText());
        assertEquals(1, policy.path("IncognitoModeAvailability").asInt());
        assertFalse(policy.path("BrowserGuestModeEnabled").asBoolean(true), "guest mode is off");
        assertFalse(policy.has("DeveloperToolsAvailability"), "DevTools are left alone unless asked");

        JsonNode managed = policy.path("3rdparty").path("extensions").path(CHROME_ID);
        assertEquals(SERVER, managed.path("serverUrl").asText());
        assertEquals(TOKEN, managed.path("enrollmentToken").asText());
        // The server's own keys, pinned (PinnedSigningKeysTest has the details).
        assertEquals(
                given().auth()
                        .oauth2(Tokens.admin())
                        .get("/api/v1/signing-keys")
                        .then()
                        .extract()
                        .path("activeKeyId"),
                managed.path("signingKeys").path(0).path("kid").asText());
    }

    @Test
    void developerToolsAreClosedToForceInstalledExtensionsOrEverywhereWhenAskedFor() {
        for (Map.Entry<String, Integer> asked :
                Map.of("blocked-for-extensions", 0, "blocked", 2).entrySet()) {
            for (String browser : List.of("chrome", "edge")) {
                String document = given().auth()
                        .oauth2(Tokens.admin())
                        .queryParam("serverUrl", SERVER)
                        .queryParam("developerTools", asked.getKey())
                        .get("/api/v1/deploy/" + browser)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
                assertEquals(
                        asked.getValue().intValue(),
                        json(document).path("DeveloperToolsAvailability").asInt(-1),
                        browser + " " + asked.getKey());
            }
            // Firefox has one switch for all of DevTools.
            String firefox = given().auth()
                    .oauth2(Tokens.admin())
                    .queryParam("serverUrl", SERVER)
                    .queryParam("developerTools", asked.getKey())
                    .get("/api/v1/deploy/firefox")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertTrue(
                    json(firefox).path("policies").path("DisableDeveloperTools").asBoolean(false), asked.getKey());
        }
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("developerTools", "sometimes")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("developerTools"));
    }

    @Test
    void failModeIsPassedToTheExtensionWhenAskedFor() {
        String document = given().auth()
                .oauth2(Tokens.admin())
                .header(DeploymentResource.ENROLLMENT_TOKEN_HEADER, TOKEN)
                .queryParam("serverUrl", SERVER)
                .queryParam("failMode", "closed")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode managed = json(document).path("3rdparty").path("extensions").path(CHROME_ID);
        assertEquals("closed", managed.path("failMode").asText());
        assertFalse(
                json(ok("chrome", null, TOKEN).body().asString())
                        .path("3rdparty")
                        .path("extensions")
                        .path(CHROME_ID)
                        .has("failMode"),
                "without the parameter the extension's default applies");
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("failMode", "sometimes")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("failMode"));
    }

    @Test
    void edgeLinuxJsonForceInstallsShowsConfiguresAndGuardsInPrivate() {
        JsonNode policy = json(ok("edge", "linux-json", TOKEN).body().asString());
        JsonNode settings = policy.path("ExtensionSettings").path(CHROME_ID);
        assertEquals("force_installed", settings.path("installation_mode").asText());
        assertEquals(UPDATE_URL, settings.path("update_url").asText());
        assertTrue(settings.path("override_update_url").asBoolean(), "updates come from the same update URL");
        assertEquals("force_shown", settings.path("toolbar_state").asText());
        assertEquals(
                CHROME_ID + ";" + UPDATE_URL,
                policy.path("ExtensionInstallForcelist").path(0).asText());
        assertEquals(1, policy.path("InPrivateModeAvailability").asInt());
        assertEquals(
                CHROME_ID,
                policy.path("MandatoryExtensionsForInPrivateNavigation").path(0).asText());
        assertFalse(policy.has("IncognitoModeAvailability"), "Edge names it InPrivateModeAvailability");

        JsonNode managed = policy.path("3rdparty").path("extensions").path(CHROME_ID);
        assertEquals(SERVER, managed.path("serverUrl").asText());
        assertEquals(TOKEN, managed.path("enrollmentToken").asText());
    }

    @Test
    void firefoxPoliciesJsonForceInstallsIntoPrivateWindowsAndConfigures() {
        ExtractableResponse<Response> response = ok("firefox", null, TOKEN);
        assertEquals("attachment; filename=promptgate-firefox.json", response.header("Content-Disposition"));
        JsonNode policies = json(response.body().asString()).path("policies");
        JsonNode settings = policies.path("ExtensionSettings").path("promptgate@promptgate.dev");
        assertEquals("force_installed", settings.path("installation_mode").asText());
        // By default the package built with this server.
        assertEquals(
                SERVER + "/api/v1/extension/promptgate.xpi",
                settings.path("install_url").asText());
        assertTrue(settings.path("private_browsing").asBoolean());
        assertFalse(policies.has("DisableDeveloperTools"), "DevTools are left alone unless asked");
        // Site access granted at install, whatever the profile says.
        JsonNode grant = policies.path("Preferences").path("extensions.originControls.grantByDefault");
        assertTrue(grant.path("Value").asBoolean(false));
        assertEquals("locked", grant.path("Status").asText());

        JsonNode managed = policies.path("3rdparty").path("Extensions").path("promptgate@promptgate.dev");
        assertEquals(SERVER, managed.path("serverUrl").asText());
        assertEquals(TOKEN, managed.path("enrollmentToken").asText());
    }

    @Test
    void chromeRegFileHasHeaderCrlfKeyPathsAndEscapedJson() {
        ExtractableResponse<Response> response = ok("chrome", "windows-reg", TOKEN);
        assertTrue(response.contentType().startsWith("text/plain"), response.contentType());
        assertEquals("attachment; filename=promptgate-chrome.reg", response.header("Content-Disposition"));
        String reg = response.body().asString();

        assertTrue(reg.startsWith("Windows Registry Editor Version 5.00\r\n\r\n"), reg);
        assertEquals(reg.replace("\r\n", "").indexOf('\n'), -1, "every line ends in CRLF");
        assertTrue(reg.chars().allMatch(c -> c < 0x80), "the file is ASCII");
        assertTrue(reg.contains("\r\n[" + CHROME_ROOT + "]\r\n"), reg);
        assertTrue(
                reg.contains("\"ExtensionSettings\"=\"{\\\"" + CHROME_ID
                        + "\\\":{\\\"installation_mode\\\":\\\"force_installed\\\","
                        + "\\\"update_url\\\":\\\"" + UPDATE_URL + "\\\","
                        + "\\\"override_update_url\\\":true,"
                        + "\\\"toolbar_pin\\\":\\\"force_pinned\\\"}}\"\r\n"),
                reg);
        assertTrue(reg.contains("\"IncognitoModeAvailability\"=dword:00000001\r\n"), reg);
        assertTrue(
                reg.contains("[" + CHROME_ROOT + "\\ExtensionInstallForcelist]\r\n\"1\"=\"" + CHROME_ID + ";"
                        + UPDATE_URL + "\"\r\n"),
                reg);
        assertTrue(
                reg.contains("[" + CHROME_ROOT + "\\3rdparty\\extensions\\" + CHROME_ID + "\\policy]\r\n"
                        + "\"serverUrl\"=\"" + SERVER + "\"\r\n"
                        + "\"enrollmentToken\"=\"" + TOKEN + "\"\r\n"),
                reg);
        String settingsJson = RegFileTest.unquote(valueOf(reg, "ExtensionSettings"));
        assertEquals(
                "force_installed",
                json(settingsJson).path(CHROME_ID).path("installation_mode").asText());
    }

    @Test
    void edgeRegFileUsesEdgeKeysAndInPrivatePolicies() {
        String reg = ok("edge", "windows-reg", TOKEN).body().asString();
        assertTrue(reg.startsWith("Windows Registry Editor Version 5.00\r\n"), reg);
        assertTrue(reg.contains("\r\n[" + EDGE_ROOT + "]\r\n"), reg);
        assertTrue(reg.contains("\"InPrivateModeAvailability\"=dword:00000001\r\n"), reg);
        assertTrue(
                reg.contains("[" + EDGE_ROOT + "\\MandatoryExtensionsForInPrivateNavigation]\r\n\"1\"=\"" + CHROME_ID
                        + "\"\r\n"),
                reg);
        assertTrue(
                reg.contains("[" + EDGE_ROOT + "\\ExtensionInstallForcelist]\r\n\"1\"=\"" + CHROME_ID + ";" + UPDATE_URL
                        + "\"\r\n"),
                reg);
        assertTrue(
                reg.contains("[" + EDGE_ROOT + "\\3rdparty\\extensions\\" + CHROME_ID + "\\policy]\r\n"
                        + "\"serverUrl\"=\"" + SERVER + "\"\r\n"),
                reg);
        JsonNode settings = json(RegFileTest.unquote(valueOf(reg, "ExtensionSettings")));
        assertEquals(
                "force_shown", settings.path(CHROME_ID).path("toolbar_state").asText());
        assertFalse(reg.contains("Google"), reg);
    }

    @Test
    void chromeMobileconfigHasABrowserPayloadAndAnExtensionPayload() {
        ExtractableResponse<Response> response = ok("chrome", "macos-mobileconfig", TOKEN);
        assertTrue(response.contentType().startsWith("application/x-apple-aspen-config"), response.contentType());
        assertEquals("attachment; filename=promptgate-chrome.mobileconfig", response.header("Content-Disposition"));
        Map<String, Object> profile = profile(response);

        assertEquals("Configuration", profile.get("PayloadType"));
        assertEquals("System", profile.get("PayloadScope"));
        assertEquals(1L, profile.get("PayloadVersion"));
        List<Map<String, Object>> payloads = payloads(profile);
        assertEquals(2, payloads.size());

        Map<String, Object> browser = payloads.get(0);
        assertEquals("com.google.Chrome", browser.get("PayloadType"));
        Map<?, ?> settings = (Map<?, ?>) ((Map<?, ?>) browser.get("ExtensionSettings")).get(CHROME_ID);
        assertEquals("force_installed", settings.get("installation_mode"));
        assertEquals("force_pinned", settings.get("toolbar_pin"));
        assertEquals(List.of(CHROME_ID + ";" + UPDATE_URL), browser.get("ExtensionInstallForcelist"));
        assertEquals(1L, browser.get("IncognitoModeAvailability"));
        assertFalse(browser.containsKey("3rdparty"), "Chrome on macOS reads extension policy from its own domain");

        Map<String, Object> extension = payloads.get(1);
        assertEquals("com.google.Chrome.extensions." + CHROME_ID, extension.get("PayloadType"));
        assertEquals(SERVER, extension.get("serverUrl"));
        assertEquals(TOKEN, extension.get("enrollmentToken"));

        for (Map<String, Object> payload : List.of(profile, browser, extension)) {
            assertTrue(
                    ((String) payload.get("PayloadUUID")).matches("[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}"),
                    payload.toString());
            assertTrue(((String) payload.get("PayloadIdentifier")).startsWith("dev.promptgate.deploy.chrome."));
        }
    }

    @Test
    void edgeMobileconfigUsesEdgeDomainsAndInPrivatePolicies() {
        List<Map<String, Object>> payloads = payloads(profile(ok("edge", "macos-mobileconfig", TOKEN)));
        Map<String, Object> browser = payloads.get(0);
        assertEquals("com.microsoft.Edge", browser.get("PayloadType"));
        assertEquals(1L, browser.get("InPrivateModeAvailability"));
        assertEquals(List.of(CHROME_ID), browser.get("MandatoryExtensionsForInPrivateNavigation"));
        Map<?, ?> settings = (Map<?, ?>) ((Map<?, ?>) browser.get("ExtensionSettings")).get(CHROME_ID);
        assertEquals("force_shown", settings.get("toolbar_state"));
        Map<String, Object> extension = payloads.get(1);
        assertEquals("com.microsoft.Edge.extensions." + CHROME_ID, extension.get("PayloadType"));
        assertEquals(TOKEN, extension.get("enrollmentToken"));
    }

    @Test
    void mobileconfigUuidsAreStablePerServerAndBrowser() {
        List<String> first = uuids(profile(ok("chrome", "macos-mobileconfig", TOKEN)));
        List<String> again = uuids(profile(ok("chrome", "macos-mobileconfig", null)));
        List<String> edge = uuids(profile(ok("edge", "macos-mobileconfig", TOKEN)));
        List<String> otherServer = uuids(
                profile(fetch(Tokens.admin(), "chrome", "macos-mobileconfig", TOKEN, "https://other.example.com")));

        assertEquals(first, again, "a new token keeps the profile's identity");
        assertEquals(3, first.stream().distinct().count(), "each payload has its own UUID");
        assertTrue(first.stream().noneMatch(edge::contains), "Chrome and Edge profiles differ");
        assertTrue(first.stream().noneMatch(otherServer::contains), "another server's profile differs");
    }

    @Test
    void withoutATokenTheDocumentsHoldThePlaceholder() {
        JsonNode policy = json(ok("chrome", null, null).body().asString());
        assertEquals(
                "REPLACE_WITH_ENROLLMENT_TOKEN",
                policy.path("3rdparty")
                        .path("extensions")
                        .path(CHROME_ID)
                        .path("enrollmentToken")
                        .asText());
        String reg = ok("edge", "windows-reg", null).body().asString();
        assertTrue(reg.contains("\"enrollmentToken\"=\"REPLACE_WITH_ENROLLMENT_TOKEN\"\r\n"), reg);
        assertTrue(reg.contains("; Replace REPLACE_WITH_ENROLLMENT_TOKEN with an enrollment token"), reg);
    }

    @Test
    void serverUrlDefaultsToTheAddressTheRequestCameIn() {
        JsonNode policy =
                json(fetch(Tokens.admin(), "firefox", null, TOKEN).body().asString());
        assertEquals(
                "http://localhost:" + RestAssured.port,
                policy.path("policies")
                        .path("3rdparty")
                        .path("Extensions")
                        .path("promptgate@promptgate.dev")
                        .path("serverUrl")
                        .asText());
    }

    @Test
    void theTrailingSlashOfAServerUrlIsDropped() {
        JsonNode policy = json(fetch(Tokens.admin(), "chrome", null, TOKEN, "https://pg.example.com/base/")
                .body()
                .asString());
        assertEquals(
                "https://pg.example.com/base",
                policy.path("3rdparty")
                        .path("extensions")
                        .path(CHROME_ID)
                        .path("serverUrl")
                        .asText());
    }

    @Test
    void documentsAreNeverCached() {
        for (String format : List.of("linux-json", "windows-reg", "macos-mobileconfig")) {
            assertEquals("no-store", ok("chrome", format, TOKEN).header("Cache-Control"), format);
        }
    }

    @Test
    void unsupportedFormatIsA400NamingFormat() {
        for (List<String> pair : List.of(
                List.of("firefox", "windows-reg"),
                List.of("firefox", "linux-json"),
                List.of("chrome", "policies-json"),
                List.of("edge", "pdf"))) {
            RestAssured.given()
                    .auth()
                    .oauth2(Tokens.admin())
                    .queryParam("format", pair.get(1))
                    .get("/api/v1/deploy/{browser}", pair.get(0))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("format"))
                    .body("detail", startsWith("format: must be one of"));
        }
    }

    @Test
    void unknownBrowserIsA404() {
        RestAssured.given()
                .auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/deploy/safari")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("chrome, edge or firefox"));
    }

    @Test
    void malformedTokenOrServerUrlIsA400NamingIt() {
        ExtractableResponse<Response> badToken = fetch(Tokens.admin(), "chrome", null, "pg_at_not-an-enrollment-token");
        assertEquals(400, badToken.statusCode());
        assertEquals(List.of("X-Promptgate-Enrollment-Token"), badToken.path("errors.field"));
        assertFalse(badToken.body().asString().contains("pg_at_not"), "the token is not echoed");

        for (String url : List.of("ftp://pg.example.com", "promptgate.example.com", "https://pg.example.com/?a=1")) {
            ExtractableResponse<Response> badUrl = fetch(Tokens.admin(), "edge", null, TOKEN, url);
            assertEquals(400, badUrl.statusCode(), url);
            assertEquals(List.of("serverUrl"), badUrl.path("errors.field"), url);
        }
    }

    @Test
    void viewerCannotGenerateDocuments() {
        RestAssured.given()
                .auth()
                .oauth2(Tokens.viewer())
                .header(DeploymentResource.ENROLLMENT_TOKEN_HEADER, TOKEN)
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(403)
                .body("status", equalTo(403));
    }

    private static String valueOf(String reg, String name) {
        String prefix = "\"" + name + "\"=";
        for (String line : reg.split("\r\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("no value " + name + " in " + reg);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profile(ExtractableResponse<Response> response) {
        assertEquals(200, response.statusCode(), response.body().asString());
        String body = response.body().asString();
        assertTrue(body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC"), body);
        return (Map<String, Object>) plist(body.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> payloads(Map<String, Object> profile) {
        return (List<Map<String, Object>>) profile.get("PayloadContent");
    }

    private static List<String> uuids(ExtractableResponse<Response> response) {
        return uuids(profile(response));
    }

    private static List<String> uuids(Map<String, Object> profile) {
        List<Map<String, Object>> payloads = payloads(profile);
        String profileUuid = (String) profile.get("PayloadUUID");
        assertNotEquals(null, profileUuid);
        return List.of(profileUuid, (String) payloads.get(0).get("PayloadUUID"), (String)
                payloads.get(1).get("PayloadUUID"));
    }
}
