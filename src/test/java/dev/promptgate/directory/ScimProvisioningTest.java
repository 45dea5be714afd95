package dev.promptgate.directory;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCIM 2.0 against the running server, with the request bodies Entra ID and Okta document, and the bad input they
 * or a mistaken mapping may send.
 */
@QuarkusTest
class ScimProvisioningTest {

    String token;

    @BeforeEach
    void token() {
        token = Scim.newToken("idp-" + UUID.randomUUID());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    String createEntraUser(String userName) {
        return Scim.as(token)
                .body(Scim.body(
                        "entra/create-user.json",
                        Map.of("externalId", UUID.randomUUID().toString(), "userName", userName, "email", userName)))
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .body("userName", equalTo(userName))
                .body("active", equalTo(true))
                .extract()
                .path("id");
    }

    @Test
    void discoveryEndpointsDescribeWhatIsSupported() {
        Scim.as(token)
                .get("/scim/v2/ServiceProviderConfig")
                .then()
                .statusCode(200)
                .body("patch.supported", equalTo(true))
                .body("filter.supported", equalTo(true))
                .body("bulk.supported", equalTo(false))
                .body("authenticationSchemes.type", hasItem("oauthbearertoken"));
        Scim.as(token)
                .get("/scim/v2/ResourceTypes")
                .then()
                .statusCode(200)
                .body("Resources.name", hasItems("User", "Group"));
        Scim.as(token)
                .get("/scim/v2/Schemas")
                .then()
                .statusCode(200)
                .body(
                        "Resources.id",
                        hasItems(
                                "urn:ietf:params:scim:schemas:core:2.0:User",
                                "urn:ietf:params:scim:schemas:core:2.0:Group"));
    }

    @Test
    void entraUserLifecycle() {
        String userName = unique("entra");
        String id = createEntraUser(userName);
        // Entra ID matches by userName before it creates, and on every cycle.
        Scim.as(token)
                .queryParam("filter", "userName eq \"" + userName + "\"")
                .get("/scim/v2/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(id))
                .body("Resources[0].userName", equalTo(userName));
        // Compared without regard to case, like the pseudonyms of events.
        Scim.as(token)
                .queryParam("filter", "userName eq \"" + userName.toUpperCase() + "\"")
                .get("/scim/v2/Users")
                .then()
                .body("totalResults", equalTo(1));
        Scim.as(token)
                .body(Scim.body("entra/update-user-multivalued.json", Map.of("email", unique("moved"))))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(true));
        Scim.as(token)
                .body(Scim.body("entra/disable-user.json", Map.of()))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        Scim.as(token).get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        Scim.as(token).delete("/scim/v2/Users/" + id).then().statusCode(204);
        Scim.as(token).get("/scim/v2/Users/" + id).then().statusCode(404);
    }

    @Test
    void pseudonymousModeKeepsNoNameOrAddress() {
        String userName = unique("private");
        String id = createEntraUser(userName);
        // Read back by id, a person shows only the pseudonym; the filter answer echoes the name it was asked for.
        Scim.as(token)
                .get("/scim/v2/Users/" + id)
                .then()
                .statusCode(200)
                .body("userName", startsWith(ScimUserRepository.PSEUDONYM_MARK))
                .body("userName", not(equalTo(userName)))
                .body("emails", nullValue())
                .body("displayName", nullValue());
    }

    @Test
    void oktaUserLifecycle() {
        String userName = unique("okta");
        String id = Scim.as(token)
                .body(Scim.body(
                        "okta/create-user.json", Map.of("userName", userName, "externalId", "00u" + UUID.randomUUID())))
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Scim.as(token)
                .body(Scim.body("okta/deactivate-user.json", Map.of()))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("userName", startsWith(ScimUserRepository.PSEUDONYM_MARK));
        // The name is kept (as its pseudonym) through a patch that does not touch it.
        Scim.as(token)
                .queryParam("filter", "userName eq \"" + userName + "\"")
                .get("/scim/v2/Users")
                .then()
                .body("Resources[0].id", equalTo(id))
                .body("Resources[0].active", equalTo(false));
    }

    @Test
    void aDuplicateUserNameIsAConflict() {
        String userName = unique("twice");
        createEntraUser(userName);
        Scim.as(token)
                .body(Scim.body(
                        "okta/create-user.json", Map.of("userName", userName.toUpperCase(), "externalId", "00u-dup")))
                .post("/scim/v2/Users")
                .then()
                .statusCode(409)
                .body("status", equalTo("409"))
                .body("scimType", equalTo("uniqueness"));
    }

    @Test
    void unknownAttributesAreRefused() {
        Scim.as(token)
                .body("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"" + unique("odd")
                        + "\", \"favouriteColour\": \"teal\"}")
                .post("/scim/v2/Users")
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
        Scim.as(token)
                .body("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"], \"displayName\": \"g-"
                        + UUID.randomUUID() + "\", \"owner\": \"someone\"}")
                .post("/scim/v2/Groups")
                .then()
                .statusCode(400);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsAttributeWithoutTheServersJavaTypes() {
        Scim.as(token)
                .body("{\"schemas\": \"urn:ietf:params:scim:schemas:core:2.0:User\", \"userName\": [\"x\"]}")
                .post("/scim/v2/Users")
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidSyntax"))
                .body("detail", containsString("'schemas'"))
                .body("detail", not(containsString("java")));
    }

    @Test
    void malformedAndUnsupportedFiltersAreInvalidFilter() {
        for (String filter : List.of("userName eqq \"x\"", "userName eq", "(userName eq \"x\"", "title eq \"CEO\"")) {
            Scim.as(token)
                    .queryParam("filter", filter)
                    .get("/scim/v2/Users")
                    .then()
                    .statusCode(400)
                    .body("scimType", equalTo("invalidFilter"));
        }
    }

    @Test
    void aUserWithoutUserNameIsRefused() {
        Scim.as(token)
                .body("{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"active\": true}")
                .post("/scim/v2/Users")
                .then()
                .statusCode(400);
    }

    @Test
    void entraGroupMembership() {
        String alice = createEntraUser(unique("alice"));
        String name = "Entra-" + UUID.randomUUID();
        String group = Scim.as(token)
                .body(Scim.body(
                        "entra/create-group.json",
                        Map.of("externalId", UUID.randomUUID().toString(), "displayName", name)))
                .post("/scim/v2/Groups")
                .then()
                .statusCode(201)
                .body("displayName", equalTo(name))
                .extract()
                .path("id");
        Scim.as(token)
                .body(Scim.body("entra/add-members.json", Map.of("userId", alice)))
                .patch("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200);
        Scim.as(token)
                .get("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200)
                .body("members.value", equalTo(List.of(alice)));
        // Entra ID reads groups without their members and finds them by name.
        Scim.as(token)
                .queryParam("excludedAttributes", "members")
                .queryParam("filter", "displayName eq \"" + name + "\"")
                .get("/scim/v2/Groups")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(group))
                .body("Resources[0].members", nullValue());
        Scim.as(token)
                .body(Scim.body("entra/remove-members.json", Map.of("userId", alice)))
                .patch("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200);
        Scim.as(token).get("/scim/v2/Groups/" + group).then().body("members", org.hamcrest.Matchers.empty());
    }

    @Test
    void oktaGroupMembershipAndRename() {
        String first = createEntraUser(unique("first"));
        String secondName = unique("second");
        String second = createEntraUser(secondName);
        String group = Scim.as(token)
                .body(Scim.body("okta/create-group.json", Map.of("displayName", "Okta-" + UUID.randomUUID())))
                .post("/scim/v2/Groups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Scim.as(token)
                .body(Scim.body("entra/add-members.json", Map.of("userId", first)))
                .patch("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200);
        Scim.as(token)
                .body(Scim.body(
                        "okta/update-membership.json",
                        Map.of("removedId", first, "addedId", second, "addedName", secondName)))
                .patch("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200)
                .body("members.value", equalTo(List.of(second)));
        String renamed = "Okta-renamed-" + UUID.randomUUID();
        Scim.as(token)
                .body(Scim.body("okta/rename-group.json", Map.of("groupId", group, "displayName", renamed)))
                .patch("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200)
                .body("displayName", equalTo(renamed))
                .body("members.value", equalTo(List.of(second)));
    }

    @Test
    void aDuplicateGroupNameIsAConflict() {
        String name = "Twice-" + UUID.randomUUID();
        Scim.as(token)
                .body(Scim.body("okta/create-group.json", Map.of("displayName", name)))
                .post("/scim/v2/Groups")
                .then()
                .statusCode(201);
        Scim.as(token)
                .body(Scim.body("okta/create-group.json", Map.of("displayName", name)))
                .post("/scim/v2/Groups")
                .then()
                .statusCode(409);
    }
}
