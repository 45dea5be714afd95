package dev.promptgate.policy.guideline;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/guidelines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Guidelines",
        description = "The organization's guidelines for generative-AI use: Markdown drafts, published as numbered,"
                + " frozen versions.")
public class GuidelineResource {

    /** The longest Markdown a guideline may have, in characters. */
    public static final int MAX_MARKDOWN = GuidelineRenderer.MAX_MARKDOWN;

    private final GuidelineService guidelines;

    GuidelineResource(GuidelineService guidelines) {
        this.guidelines = guidelines;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List guidelines: drafts first, newest first, then published ones, highest version first")
    public Page<GuidelineView> listGuidelines(
            @QueryParam("status")
                    @Pattern(regexp = "DRAFT|PUBLISHED", message = "must be DRAFT or PUBLISHED")
                    @Parameter(description = "Only DRAFT or only PUBLISHED guidelines.")
                    String status,
            @Valid @BeanParam PageParams paging) {
        Guideline.Status only = status == null ? null : Guideline.Status.valueOf(status);
        return guidelines.list(only, paging).map(GuidelineView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a guideline draft")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = GuidelineView.class)))
    @APIResponse(responseCode = "400", description = "Invalid title or Markdown")
    public Response createGuidelineDraft(@Valid @NotNull GuidelineDraft body) {
        GuidelineView view = GuidelineView.of(guidelines.createDraft(body.title(), body.markdown()));
        return Response.created(URI.create("/api/v1/guidelines/" + view.id()))
                .entity(view)
                .build();
    }

    @GET
    @Path("current")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the current guideline: the published one with the highest version")
    @APIResponse(responseCode = "200", description = "The current guideline")
    @APIResponse(responseCode = "404", description = "No guideline is published yet")
    public GuidelineView getCurrentGuideline() {
        return guidelines
                .findCurrent()
                .map(GuidelineView::of)
                .orElseThrow(() -> new ProblemException.NotFound("No guideline is published yet"));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get one guideline, draft or published")
    @APIResponse(responseCode = "200", description = "The guideline")
    @APIResponse(responseCode = "404", description = "No such guideline")
    public GuidelineView getGuideline(@PathParam("id") long id) {
        return guidelines.find(id).map(GuidelineView::of).orElseThrow(() -> GuidelineService.notFound(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a draft's title and Markdown (If-Match required)")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "404", description = "No such guideline")
    @APIResponse(responseCode = "409", description = "The guideline is published and cannot change")
    @APIResponse(responseCode = "412", description = "The draft changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public GuidelineView updateGuidelineDraft(
            @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull GuidelineDraft body) {
        return GuidelineView.of(guidelines.updateDraft(id, ifMatch, body.title(), body.markdown()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a draft (If-Match required); published guidelines are kept for good")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such guideline")
    @APIResponse(responseCode = "409", description = "The guideline is published and cannot be deleted")
    @APIResponse(responseCode = "412", description = "The draft changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public void deleteGuidelineDraft(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        guidelines.deleteDraft(id, ifMatch);
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Publish the draft as reviewed (If-Match required): it gets the next version and becomes current")
    @APIResponse(responseCode = "200", description = "Published")
    @APIResponse(responseCode = "404", description = "No such guideline")
    @APIResponse(responseCode = "409", description = "The guideline is already published")
    @APIResponse(responseCode = "412", description = "The draft changed since it was reviewed")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public GuidelineView publishGuideline(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        return GuidelineView.of(guidelines.publish(id, ifMatch));
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Render Markdown to sanitized HTML as a guideline would, without storing anything")
    @APIResponse(responseCode = "200", description = "The HTML")
    @APIResponse(responseCode = "400", description = "Invalid Markdown")
    public RenderedPreview previewGuideline(@Valid @NotNull PreviewRequest body) {
        return new RenderedPreview(guidelines.renderPreview(body.markdown()));
    }

    /** The editable part of a guideline. */
    public record GuidelineDraft(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = MAX_MARKDOWN, message = "must be at most {max} characters") String markdown) {}

    public record PreviewRequest(
            @NotNull @Size(max = MAX_MARKDOWN, message = "must be at most {max} characters") String markdown) {}

    public record RenderedPreview(String html) {}
}
