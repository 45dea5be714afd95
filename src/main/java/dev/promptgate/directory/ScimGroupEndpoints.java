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
import org.apache.directory.scim.server.rest.GroupResourceImpl;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SCIM 2.0 groups ({@code /scim/v2/Groups}): each operation handed to SCIMple's implementation of it. */
@Path(ScimEndpoints.ROOT + "/Groups")
@Tag(name = ScimEndpoints.TAG)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid SCIM token")
@APIResponse(responseCode = "403", description = "Not a SCIM token")
@RolesAllowed(Roles.SCIM)
public class ScimGroupEndpoints {

    private final SchemaRegistry schemas;
    private final RepositoryRegistry repositories;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    ScimGroupEndpoints(SchemaRegistry schemas, RepositoryRegistry repositories) {
        this.schemas = schemas;
        this.repositories = repositories;
    }

    private GroupResourceImpl scimple() {
        return ScimEndpoints.forRequest(
                new GroupResourceImpl(schemas, repositories),
                BaseResourceTypeResourceImpl.class,
                uri,
                request,
                headers);
    }

    @GET
    @Path("{id}")
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getScimGroup", summary = "Get a provisioned group with its members")
    public Response getScimGroup(
            @PathParam("id") String id,
            @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes)
            throws ScimException, ResourceException {
        return scimple()
                .getById(id, ScimEndpoints.attributes(attributes), ScimEndpoints.attributes(excludedAttributes));
    }

    @GET
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "queryScimGroups", summary = "List groups, or find them with filter=displayName eq \"…\"")
    public Response queryScimGroups(
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
    @Operation(operationId = "createScimGroup", summary = "Provision a group; 409 when its displayName exists")
    public Response createScimGroup(ScimGroup group) throws ScimException, ResourceException {
        return scimple().create(group, null, null);
    }

    @PUT
    @Path("{id}")
    @Consumes({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "replaceScimGroup", summary = "Replace a provisioned group and its members")
    public Response replaceScimGroup(@PathParam("id") String id, ScimGroup group)
            throws ScimException, ResourceException {
        return scimple().update(group, id, null, null);
    }

    @PATCH
    @Path("{id}")
    @Consumes({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Produces({ScimEndpoints.SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchScimGroup", summary = "Add, remove or replace a group's members or name")
    public Response patchScimGroup(@PathParam("id") String id, PatchRequest patch)
            throws ScimException, ResourceException {
        return scimple().patch(patch, id, null, null);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteScimGroup", summary = "Deprovision a group")
    public Response deleteScimGroup(@PathParam("id") String id) throws ScimException, ResourceException {
        return scimple().delete(id);
    }
}
