package dev.promptgate.policy.document;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/policy")
@Produces({MediaType.APPLICATION_JSON, PolicyDocumentCodec.APPLICATION_YAML})
@Tag(name = "Policy")
public class PolicyDocumentResource {

    private static final String FORMATS = "json|yaml";

    private final PolicyExport export;
    private final PolicyApply apply;

    PolicyDocumentResource(PolicyExport export, PolicyApply apply) {
        this.export = export;
        this.apply = apply;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Export the whole policy as one document, in JSON or YAML")
    @APIResponse(
            responseCode = "200",
            description = "The policy; its ETag is what a PUT sends in If-Match",
            content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
    public Response getPolicy(
            @QueryParam("format")
                    @Pattern(regexp = FORMATS, message = "must be json or yaml")
                    @Parameter(description = "json or yaml; overrides the Accept header.")
                    String format) {
        PolicyExport.Exported exported = export.export();
        return inFormat(Response.ok(exported.document()), format)
                .header(HttpHeaders.ETAG, exported.etag())
                .build();
    }

    @PUT
    @Consumes({MediaType.APPLICATION_JSON, PolicyDocumentCodec.APPLICATION_YAML})
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Apply a whole policy document, or show what applying it would change (dryRun=true)",
            description = "Declarative: groups, rules, list entries and custom services that the document does not"
                    + " name are removed. Applying needs If-Match with the document ETag; a dry run does not.")
    @APIResponse(
            responseCode = "200",
            description = "The changes, and after an apply the policy as now stored, with its ETag",
            content = @Content(schema = @Schema(implementation = ApplyResult.class)))
    @APIResponse(responseCode = "400", description = "The document is invalid; every offending field is listed")
    @APIResponse(responseCode = "412", description = "The policy changed since the If-Match ETag was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response applyPolicy(
            @QueryParam("dryRun") @Parameter(description = "Only show the changes.") boolean dryRun,
            @QueryParam("format")
                    @Pattern(regexp = FORMATS, message = "must be json or yaml")
                    @Parameter(description = "json or yaml; overrides the Accept header.")
                    String format,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PolicyDocument document) {
        if (dryRun) {
            return inFormat(Response.ok(ApplyResult.dryRun(export.preview(document, ifMatch))), format)
                    .build();
        }
        PolicyApply.Applied applied = apply.apply(document, ifMatch);
        return inFormat(Response.ok(ApplyResult.applied(applied)), format)
                .header(HttpHeaders.ETAG, applied.etag())
                .build();
    }

    private static Response.ResponseBuilder inFormat(Response.ResponseBuilder response, String format) {
        return format == null
                ? response
                : response.type(
                        format.equals("yaml") ? PolicyDocumentCodec.APPLICATION_YAML : MediaType.APPLICATION_JSON);
    }
}
