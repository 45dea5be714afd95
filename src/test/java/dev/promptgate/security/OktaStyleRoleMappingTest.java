package dev.promptgate.security;

import static io.restassured.RestAssured.given;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Roles come from wherever the IdP puts them: here from the {@code groups} claim, as Okta does, with the
 * organization's own group names mapped onto Promptgate's roles.
 */
@QuarkusTest
@TestProfile(OktaStyleRoleMappingTest.GroupsClaim.class)
class OktaStyleRoleMappingTest {

    public static class GroupsClaim implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.roles.role-claim-path", "groups",
                    "promptgate.security.admin-roles", "Promptgate Admins",
                    "promptgate.security.viewer-roles", "Promptgate Viewers,Security Team");
        }
    }

    @Test
    void mappedGroupsGrantTheirRoles() {
        String admin = Tokens.user("olga", List.of(), List.of("Promptgate Admins"));
        String viewer = Tokens.user("sam", List.of(), List.of("Security Team"));
        given().auth().oauth2(admin).get("/api/v1/api-tokens").then().statusCode(200);
        given().auth().oauth2(viewer).get("/api/v1/audit").then().statusCode(200);
        given().auth().oauth2(viewer).get("/api/v1/api-tokens").then().statusCode(403);
    }

    @Test
    void rolesElsewhereInTheTokenOrUnmappedGroupsGrantNothing() {
        // realm_access.roles says admin, but this configuration reads roles from groups only.
        String realmAdmin = Tokens.user("rex", List.of("admin"), List.of("Everyone"));
        given().auth().oauth2(realmAdmin).get("/api/v1/audit").then().statusCode(403);
    }
}
