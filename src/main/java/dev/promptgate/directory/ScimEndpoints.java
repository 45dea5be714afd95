package dev.promptgate.directory;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
import java.lang.reflect.Field;
import org.apache.directory.scim.core.schema.SchemaRegistry;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.ErrorMessageType;
import org.apache.directory.scim.protocol.adapter.FilterWrapper;
import org.apache.directory.scim.protocol.data.ErrorResponse;
import org.apache.directory.scim.protocol.exception.ScimException;
import org.apache.directory.scim.server.configuration.ServerConfiguration;
import org.apache.directory.scim.server.rest.EtagGenerator;
import org.apache.directory.scim.server.rest.ResourceTypesResourceImpl;
import org.apache.directory.scim.server.rest.SchemaResourceImpl;
import org.apache.directory.scim.server.rest.ServiceProviderConfigResourceImpl;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterParseException;
import org.apache.directory.scim.spec.filter.SortOrder;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.filter.attribute.AttributeReferenceListWrapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SCIM 2.0 endpoints (RFC 7644) under {@value #ROOT}, open to SCIM tokens only. Apache SCIMple does the protocol:
 * each operation hands the request to SCIMple's own implementation of it (attribute selection, filters, patch
 * operations, ETags, locations, list answers), which stores through {@link ScimUserRepository} and
 * {@link ScimGroupRepository}. The JAX-RS contract is declared here ({@link Discovery}), in {@link
 * ScimUserEndpoints} and in {@link ScimGroupEndpoints}, not inherited from SCIMple's interfaces: that
 * keeps SCIMple's own bindings at the server's root from ever registering, puts every operation under this
 * class's role and in the OpenAPI document, and parses query parameters here, so that a malformed filter is a SCIM
 * 400 ({@code invalidFilter}) rather than a JAX-RS 404.
 */
final class ScimEndpoints {

    static final String ROOT = "/scim/v2";
    static final String SCIM_JSON = Constants.SCIM_CONTENT_TYPE;
    static final String TAG = "SCIM";

    private ScimEndpoints() {}

    /**
     * Gives one of SCIMple's resource implementations the request it serves. SCIMple reads the request's URI,
     * preconditions and headers from fields its JAX-RS runtime would inject; here the implementation is made per
     * request and the fields are set from this request's context.
     */
    static <T> T forRequest(T implementation, Class<?> declaring, UriInfo uri, Request request, HttpHeaders headers) {
        try {
            set(declaring, implementation, "uriInfo", uri);
            if (request != null) {
                set(declaring, implementation, "request", request);
                set(declaring, implementation, "headers", headers);
            }
            return implementation;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SCIMple's resource fields changed", e);
        }
    }

    private static void set(Class<?> declaring, Object target, String name, Object value)
            throws ReflectiveOperationException {
        Field field = declaring.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    static AttributeReferenceListWrapper attributes(String value) throws ScimException {
        try {
            return value == null || value.isBlank() ? null : new AttributeReferenceListWrapper(value);
        } catch (RuntimeException e) {
            throw invalid(ErrorMessageType.INVALID_SYNTAX, "Invalid attribute list");
        }
    }

    static FilterWrapper filter(String value) throws ScimException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new FilterWrapper(new Filter(value));
        } catch (FilterParseException | RuntimeException e) {
            throw invalid(ErrorMessageType.INVALID_FILTER, "Invalid filter");
        }
    }

    static AttributeReference sortBy(String value) throws ScimException {
        try {
            return value == null || value.isBlank() ? null : new AttributeReference(value);
        } catch (RuntimeException e) {
            throw invalid(ErrorMessageType.INVALID_SYNTAX, "Invalid sortBy");
        }
    }

    static SortOrder sortOrder(String value) throws ScimException {
        try {
            return value == null || value.isBlank() ? null : SortOrder.fromString(value);
        } catch (RuntimeException e) {
            throw invalid(ErrorMessageType.INVALID_SYNTAX, "Invalid sortOrder");
        }
    }

    private static ScimException invalid(ErrorMessageType type, String detail) {
        ErrorResponse error = new ErrorResponse(Response.Status.BAD_REQUEST, detail);
        error.setScimType(type);
        return new ScimException(error, Response.Status.BAD_REQUEST);
    }

    @Path(ROOT)
    @Tag(name = TAG)
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "401", description = "No valid SCIM token")
    @APIResponse(responseCode = "403", description = "Not a SCIM token")
    @RolesAllowed(Roles.SCIM)
    public static class Discovery {

        private final SchemaRegistry schemas;
        private final ServiceProviderConfigResourceImpl configuration;

        @Context
        UriInfo uri;

        Discovery(SchemaRegistry schemas, ServerConfiguration configuration, EtagGenerator etags) {
            this.schemas = schemas;
            this.configuration = new ServiceProviderConfigResourceImpl(configuration, etags);
        }

        @GET
        @Path("ServiceProviderConfig")
        @Produces({SCIM_JSON, MediaType.APPLICATION_JSON})
        @Operation(operationId = "getScimServiceProviderConfig", summary = "What this SCIM service supports")
        public Response getScimServiceProviderConfig() {
            return configuration.getServiceProviderConfiguration(uri);
        }

        @GET
        @Path("Schemas")
        @Produces({SCIM_JSON, MediaType.APPLICATION_JSON})
        @Operation(operationId = "listScimSchemas", summary = "The SCIM schemas of people and groups")
        public Response listScimSchemas(@QueryParam("filter") String filter) {
            return new SchemaResourceImpl(schemas).getAllSchemas(filter, uri);
        }

        @GET
        @Path("Schemas/{uri}")
        @Produces({SCIM_JSON, MediaType.APPLICATION_JSON})
        @Operation(operationId = "getScimSchema", summary = "One SCIM schema")
        public Response getScimSchema(@PathParam("uri") String urn) {
            return new SchemaResourceImpl(schemas).getSchema(urn, uri);
        }

        @GET
        @Path("ResourceTypes")
        @Produces({SCIM_JSON, MediaType.APPLICATION_JSON})
        @Operation(operationId = "listScimResourceTypes", summary = "The SCIM resource types: User and Group")
        public Response listScimResourceTypes(@QueryParam("filter") String filter) {
            return types().getAllResourceTypes(filter);
        }

        @GET
        @Path("ResourceTypes/{name}")
        @Produces({SCIM_JSON, MediaType.APPLICATION_JSON})
        @Operation(operationId = "getScimResourceType", summary = "One SCIM resource type")
        public Response getScimResourceType(@PathParam("name") String name) {
            return types().getResourceType(name);
        }

        private ResourceTypesResourceImpl types() {
            return forRequest(new ResourceTypesResourceImpl(schemas), ResourceTypesResourceImpl.class, uri, null, null);
        }
    }
}
