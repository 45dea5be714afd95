package dev.promptgate.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's SCIM 2.0 endpoints driven by an independent, maintained SCIM client (the UnboundID SCIM 2 SDK) over
 * HTTP, as a provisioning system built on it would: discovery, create, filter, PATCH of members, soft-delete,
 * delete, and the errors such a client must be able to read (409 on a duplicate userName, 401 on a wrong token).
 */
@QuarkusTest
class ScimClientInteropTest {

    @TestHTTPResource("/scim/v2")
    URI scimRoot;

    @Inject
    DirectoryPeople directory;

    Client http;

    @BeforeEach
    void client() {
        http = ClientBuilder.newClient();
    }

    @AfterEach
    void close() {
        http.close();
    }

    ScimService scim(String token) {
        return new ScimService(http.target(scimRoot).register((jakarta.ws.rs.client.ClientRequestFilter)
                request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
    }

    static UserResource person(String userName) {
        UserResource user = new UserResource()
                .setUserName(userName)
                .setActive(true)
                .setDisplayName("Interop Person")
                .setEmails(new Email().setValue(userName).setType("work").setPrimary(true));
        user.setExternalId(UUID.randomUUID().toString());
        return user;
    }

    @Test
    void theClientReadsTheDiscoveryDocuments() throws ScimException {
        ScimService scim = scim(Scim.newToken("interop-" + UUID.randomUUID()));
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getPatch().isSupported());
        assertTrue(config.getFilter().isSupported());
        assertFalse(config.getBulk().isSupported());

        ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
        assertEquals(
                Set.of("User", "Group"),
                types.getResources().stream().map(ResourceTypeResource::getName).collect(Collectors.toSet()));
        ListResponse<SchemaResource> schemas = scim.getSchemas();
        Set<String> ids =
                schemas.getResources().stream().map(SchemaResource::getId).collect(Collectors.toSet());
        assertTrue(ids.contains("urn:ietf:params:scim:schemas:core:2.0:User"), ids::toString);
        assertTrue(ids.contains("urn:ietf:params:scim:schemas:core:2.0:Group"), ids::toString);
    }

    @Test
    void aPersonAndTheirGroupMembershipGoThroughTheClient() throws ScimException {
        ScimService scim = scim(Scim.newToken("interop-" + UUID.randomUUID()));
        String email = "interop-" + UUID.randomUUID() + "@example.com";
        UserResource created = scim.create("Users", person(email));
        assertNotNull(created.getId());
        assertEquals(email, created.getUserName());

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter("userName eq \"" + email + "\"")
                .invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());

        String groupName = "Interop " + UUID.randomUUID();
        GroupResource group = scim.create("Groups", new GroupResource().setDisplayName(groupName));
        assertTrue(directory.findActive(email).orElseThrow().groupValues().isEmpty());

        scim.modifyRequest("Groups", group.getId())
                .addValues("members", new Member().setValue(created.getId()))
                .invoke(GroupResource.class);
        // A Promptgate group links to a directory group by its id or by its display name: the person carries both.
        assertEquals(
                Set.of(group.getId(), groupName),
                directory.findActive(email).orElseThrow().groupValues());
        GroupResource read = scim.retrieve("Groups", group.getId(), GroupResource.class);
        assertEquals(
                List.of(created.getId()),
                read.getMembers().stream().map(Member::getValue).toList());

        scim.modifyRequest("Groups", group.getId())
                .removeValues("members[value eq \"" + created.getId() + "\"]")
                .invoke(GroupResource.class);
        assertTrue(directory.findActive(email).orElseThrow().groupValues().isEmpty());

        UserResource inactive =
                scim.retrieve("Users", created.getId(), UserResource.class).setActive(false);
        assertEquals(Boolean.FALSE, scim.replace(inactive).getActive());
        assertTrue(directory.findActive(email).isEmpty(), "a soft-deleted person no longer counts");
        // The person read back by id shows a pseudonym as userName; putting it back kept the real one.
        ListResponse<UserResource> again = scim.searchRequest("Users")
                .filter("userName eq \"" + email + "\"")
                .invoke(UserResource.class);
        assertEquals(created.getId(), again.getResources().get(0).getId());
        assertEquals(Boolean.FALSE, again.getResources().get(0).getActive());

        scim.delete("Users", created.getId());
        ScimException gone =
                assertThrows(ScimException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
        assertEquals(404, gone.getScimError().getStatus());
    }

    @Test
    void theClientReadsTheErrorsItMustActOn() throws ScimException {
        String token = Scim.newToken("interop-" + UUID.randomUUID());
        ScimService scim = scim(token);
        String email = "interop-" + UUID.randomUUID() + "@example.com";
        scim.create("Users", person(email));
        assertThrows(ResourceConflictException.class, () -> scim.create("Users", person(email.toUpperCase())));

        ScimException refused =
                assertThrows(ScimException.class, () -> scim("pg_scim_made-up").getServiceProviderConfig());
        assertEquals(401, refused.getScimError().getStatus());
    }
}
