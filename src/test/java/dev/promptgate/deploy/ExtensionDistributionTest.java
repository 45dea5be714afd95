package dev.promptgate.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The self-hosted update manifest and CRX, as Chrome fetches them (no credentials), and admins' uploads. The test
 * profile bundles crx/a-1.0.0; the upload test moves the offer to 1.1.0, so it runs last.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionDistributionTest {

    static final String ID = DeploymentResourceTest.CHROME_ID;

    private static XmlPath updateManifest() {
        return new XmlPath(given().get("/api/v1/extension/update.xml")
                .then()
                .statusCode(200)
                .contentType(containsString("xml"))
                .header("Cache-Control", containsString("no-cache"))
                .extract()
                .asString());
    }

    @Test
    @Order(1)
    void theUpdateManifestNamesTheBundledPackageWithoutCredentials() {
        XmlPath manifest = updateManifest();
        assertEquals("2.0", manifest.getString("gupdate.@protocol"));
        assertEquals(ID, manifest.getString("gupdate.app.@appid"));
        assertEquals("1.0.0", manifest.getString("gupdate.app.updatecheck.@version"));
        String codebase = manifest.getString("gupdate.app.updatecheck.@codebase");
        assertTrue(
                codebase.matches("http://localhost:\\d+/api/v1/extension/promptgate\\.crx\\?version=1\\.0\\.0"),
                codebase);

        byte[] crx = given().get(codebase.replaceFirst("^http://localhost:\\d+", ""))
                .then()
                .statusCode(200)
                .contentType("application/x-chrome-extension")
                .header("ETag", "\"" + ExtensionPackages.sha256(Crx3Test.fixture("a-1.0.0")) + "\"")
                .header("Cache-Control", containsString("max-age="))
                .extract()
                .asByteArray();
        assertArrayEquals(Crx3Test.fixture("a-1.0.0"), crx);
    }

    @Test
    @Order(2)
    void unchangedFilesAnswer304ToTheirETag() {
        for (String path : List.of("/api/v1/extension/update.xml", "/api/v1/extension/promptgate.crx")) {
            String etag = given().get(path).then().statusCode(200).extract().header("ETag");
            given().header("If-None-Match", etag).get(path).then().statusCode(304);
            given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        }
    }

    @Test
    @Order(2)
    void theFirefoxPackageIsServedWithoutCredentials() throws Exception {
        byte[] fixture;
        try (var in = getClass().getClassLoader().getResourceAsStream("xpi/fixture.xpi")) {
            fixture = in.readAllBytes();
        }
        String etag = given().get("/api/v1/extension/promptgate.xpi")
                .then()
                .statusCode(200)
                .contentType("application/x-xpinstall")
                .header("ETag", "\"" + ExtensionPackages.sha256(fixture) + "\"")
                .header("Cache-Control", containsString("max-age="))
                .extract()
                .header("ETag");
        assertArrayEquals(
                fixture,
                given().get("/api/v1/extension/promptgate.xpi").then().extract().asByteArray());
        given().header("If-None-Match", etag)
                .get("/api/v1/extension/promptgate.xpi")
                .then()
                .statusCode(304);
    }

    @Test
    @Order(3)
    void aVersionThatIsNotOfferedIsNotFound() {
        given().queryParam("version", "9.9.9")
                .get("/api/v1/extension/promptgate.crx")
                .then()
                .statusCode(404);
    }

    @Test
    @Order(4)
    void onlyAdminsUploadAndViewersRead() {
        byte[] crx = Crx3Test.fixture("a-1.1.0");
        upload(null, crx).statusCode(401);
        upload(Tokens.viewer(), crx).statusCode(403);
        upload(Tokens.noRole(), crx).statusCode(403);
        upload(Enrollment.newToken("distribution-test"), crx).statusCode(403);
        given().get("/api/v1/extension/packages/current").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/extension/packages/current")
                .then()
                .statusCode(200)
                .body("extensionId", equalTo(ID))
                .body("version", equalTo("1.0.0"))
                .body("source", equalTo("bundled"));
    }

    @Test
    @Order(5)
    void uploadsThatBrowsersCouldNotUpdateToAreRefusedAndChangeNothing() {
        upload(Tokens.admin(), "not a crx".getBytes()).statusCode(400).body("errors.field", equalTo(List.of("crx")));
        byte[] tampered = Crx3Test.fixture("a-1.1.0");
        tampered[tampered.length - 40] ^= 1;
        upload(Tokens.admin(), tampered).statusCode(400).body("detail", containsString("signature"));
        upload(Tokens.admin(), Crx3Test.fixture("b-2.0.0")).statusCode(409).body("detail", containsString(ID));
        upload(Tokens.admin(), Crx3Test.fixture("a-0.9.5")).statusCode(409).body("detail", containsString("higher"));
        upload(Tokens.admin(), Crx3Test.fixture("a-1.0.0")).statusCode(409);
        assertEquals("1.0.0", updateManifest().getString("gupdate.app.updatecheck.@version"));
    }

    @Test
    @Order(6)
    void aHigherVersionIsOfferedFromItsUploadOnAndAudited() {
        upload(Tokens.admin(), Crx3Test.fixture("a-1.1.0"))
                .statusCode(201)
                .body("version", equalTo("1.1.0"))
                .body("source", equalTo("uploaded"));
        assertEquals("1.1.0", updateManifest().getString("gupdate.app.updatecheck.@version"));
        assertEquals("1.1.0", policyFetchOffers());
        byte[] served = given().queryParam("version", "1.1.0")
                .get("/api/v1/extension/promptgate.crx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(Crx3Test.fixture("a-1.1.0"), served);
        given().queryParam("version", "1.0.0")
                .get("/api/v1/extension/promptgate.crx")
                .then()
                .statusCode(404);
        upload(Tokens.admin(), Crx3Test.fixture("a-1.1.0")).statusCode(409);
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("entityType", "extension-package")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items.find { it.action == 'upload' }.entityId", equalTo(ID + "@1.1.0"));
    }

    /**
     * The version every policy answer names, so that extensions behind it ask their browser for the update: the same
     * in the 200, in the 304 to its ETag, and from the resource that serves a person not verified lately.
     */
    private static String policyFetchOffers() {
        String enrollment = Enrollment.newToken("extension-distribution-test");
        var fetched = given().auth().oauth2(enrollment).get("/api/v1/client/policy");
        fetched.then().statusCode(200);
        String offered = fetched.header(OfferedVersion.HEADER);
        given().auth()
                .oauth2(enrollment)
                .header("If-None-Match", fetched.header("ETag"))
                .get("/api/v1/client/policy")
                .then()
                .statusCode(304)
                .header(OfferedVersion.HEADER, offered);
        // A browser account not seen before is not answered by the fast path but by the resource.
        given().auth()
                .oauth2(enrollment)
                .header("X-Promptgate-Browser-Account", "first-seen-" + UUID.randomUUID() + "@example.com")
                .get("/api/v1/client/policy")
                .then()
                .statusCode(200)
                .header(OfferedVersion.HEADER, offered);
        return offered;
    }

    private static io.restassured.response.ValidatableResponse upload(String bearer, byte[] crx) {
        var request = given().contentType("application/x-chrome-extension").body(crx);
        if (bearer != null) {
            request.auth().oauth2(bearer);
        }
        return request.post("/api/v1/extension/packages").then();
    }
}
