package dev.promptgate.directory;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.directory.scim.core.repository.RepositoryRegistry;
import org.apache.directory.scim.core.schema.SchemaRegistry;
import org.apache.directory.scim.protocol.data.PatchRequest;
import org.apache.directory.scim.protocol.exception.ScimException;
import org.apache.directory.scim.server.rest.BaseResourceTypeResourceImpl;
import org.apache.directory.scim.server.rest.UserResourceImpl;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.resources.ScimUser;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SCIM 2.0 people ({@code /scim/v2/Users}): each operation handed to SCIMple's implementation of it. */
@Path(ScimEndpoints.ROOT + "/Users")
@Tag(name = ScimEndpoints.TAG, description = "SCIM 2.0 provisioning of people and groups by the identity provider.")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid SCIM token")
@APIResponse(responseCode = "403", description = "Not a SCIM token")
@RolesAllowed(Roles.SCIM)
public class ScimUserEndpoints {

    private final SchemaRegistry schemas;
    private final RepositoryRegistry repositories;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    ScimUserEndpoints(SchemaRegistry schemas, RepositoryRegistry repositories) {
        this.schemas = schemas;
        this.repositories = repositories;
    }

    private UserResourceImpl scimple() {
        return ScimEndpoints.forRequest(
                new UserResourceImpl(schemas, repositories), BaseResourceTypeResourceImpl.class, uri, request, headers);
    }

    @GET
    @Path("{id}")
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getScimUser", summary = "Get a provisioned person")
    public Response getScimUser(
            @PathParam("id") String id,
            @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes)
            throws ScimException, ResourceException {
        return scimple()
                .getById(id, ScimEndpoints.attributes(attributes), ScimEndpoints.attributes(excludedAttributes));
    }

    @GET
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "queryScimUsers", summary = "List people, or find them with filter=userName eq \"…\"")
    public Response queryScimUsers(
            @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes,
            @QueryParam("filter") String filter,
            @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder,
            @QueryParam("startIndex") Integer startIndex,
            @QueryParam("count") Integer count)
            throws ScimException, ResourceException {
        return scimple()
                .query(
                        ScimEndpoints.attributes(attributes),
                        ScimEndpoints.attributes(excludedAttributes),
                        ScimEndpoints.filter(filter),
                        ScimEndpoints.sortBy(sortBy),
                        ScimEndpoints.sortOrder(sortOrder),
                        startIndex,
                        count);
    }

    @POST
    @Consumes({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "createScimUser", summary = "Provision a person; 409 when the userName exists")
    public Response createScimUser(ScimUser user) throws ScimException, ResourceException {
        return scimple().create(user, null, null);
    }

    @PUT
    @Path("{id}")
    @Consumes({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "replaceScimUser", summary = "Replace a provisioned person")
    public Response replaceScimUser(@PathParam("id") String id, ScimUser user) throws ScimException, ResourceException {
        return scimple().update(user, id, null, null);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchScimUser", summary = "Change a provisioned person, e.g. active: false")
    public Response patchScimUser(@PathParam("id") String id, PatchRequest patch)
            throws ScimException, ResourceException {
        return scimple().patch(patch, id, null, null);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteScimUser", summary = "Deprovision a person")
    public Response deleteScimUser(@PathParam("id") String id) throws ScimException, ResourceException {
        return scimple().delete(id);
    }
}
