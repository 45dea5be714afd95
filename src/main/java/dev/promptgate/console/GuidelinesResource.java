package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.events.report.CoverageReport;
import dev.promptgate.events.report.CoverageReports;
import dev.promptgate.events.report.ReportFilters;
import dev.promptgate.policy.guideline.Guideline;
import dev.promptgate.policy.guideline.GuidelineResource.GuidelineDraft;
import dev.promptgate.policy.guideline.GuidelineService;
import dev.promptgate.policy.guideline.GuidelineView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/** Guidelines: drafts written in Markdown with the sanitized preview, publishing, history and coverage per version. */
@Path("/console/guidelines")
@Produces(MediaType.TEXT_HTML)
public class GuidelinesResource {

    private static final String PAGE = "/console/guidelines";
    private static final int HISTORY = 20;

    private final ConsoleUi ui;
    private final Template list;
    private final Template editor;
    private final GuidelineService guidelines;
    private final CoverageReports coverage;
    private final ReportFilters filters;

    GuidelinesResource(
            ConsoleUi ui,
            @Location("console/guidelines.html") Template list,
            @Location("console/guideline.html") Template editor,
            GuidelineService guidelines,
            CoverageReports coverage,
            ReportFilters filters) {
        this.ui = ui;
        this.list = list;
        this.editor = editor;
        this.guidelines = guidelines;
        this.coverage = coverage;
        this.filters = filters;
    }

    /** A published version with its acknowledgement coverage over the last 30 days. */
    public record Published(GuidelineView guideline, CoverageReport coverage) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showGuidelines(@QueryParam("published") Integer published) {
        var range = filters.range(null, null);
        List<GuidelineView> drafts = guidelines.list(Guideline.Status.DRAFT, PageParams.of(0, HISTORY)).items().stream()
                .map(GuidelineView::of)
                .toList();
        List<Published> history =
                guidelines.list(Guideline.Status.PUBLISHED, PageParams.of(0, HISTORY)).items().stream()
                        .map(g ->
                                new Published(GuidelineView.of(g), coverage.coverage(g.guidelineVersion, range, null)))
                        .toList();
        return ui.page(list, "guidelines")
                .data("drafts", drafts)
                .data("history", history)
                .data("notice", published == null ? null : "Version " + published + " is published.");
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showGuideline(@PathParam("id") long id, @QueryParam("saved") boolean saved) {
        GuidelineView g = GuidelineView.of(guidelines.find(id).orElseThrow(NotFoundException::new));
        return renderEditor(g, g.title(), g.markdown(), g.html()).data("notice", saved ? "Draft saved." : null);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response createDraft(@RestForm String title, @RestForm String markdown, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            GuidelineDraft draft = ui.valid(new GuidelineDraft(title, markdown == null ? "" : markdown));
            Guideline created = guidelines.createDraft(draft.title(), draft.markdown());
            return ConsoleUi.seeOther(PAGE + "/" + created.id);
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(showGuidelines(null).data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    @POST
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response saveDraft(
            @PathParam("id") long id,
            @RestForm long version,
            @RestForm String title,
            @RestForm String markdown,
            @RestForm String intent,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        GuidelineView current = GuidelineView.of(guidelines.find(id).orElseThrow(NotFoundException::new));
        String text = markdown == null ? "" : markdown;
        try {
            GuidelineDraft draft = ui.valid(new GuidelineDraft(title, text));
            if ("preview".equals(intent)) {
                // The preview is what people will see: the same renderer and sanitizer, nothing saved.
                return Response.ok(renderEditor(current, title, text, guidelines.renderPreview(draft.markdown()))
                                .data("notice", "Preview of your unsaved text."))
                        .build();
            }
            guidelines.updateDraft(id, Preconditions.etag(version), draft.title(), draft.markdown());
            return ConsoleUi.seeOther(PAGE + "/" + id + "?saved=true");
        } catch (ProblemException.StaleVersion e) {
            Conflict conflict = Conflict.of(
                    "The draft", fields(title, text), fields(current.title(), current.markdown()), PAGE + "/" + id);
            return Response.status(ConsoleUi.status(e))
                    .entity(renderEditor(current, title, text, current.html()).data("conflict", conflict))
                    .build();
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(renderEditor(current, title, text, current.html()).data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response publish(@PathParam("id") long id, @RestForm long version, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            Guideline published = guidelines.publish(id, Preconditions.etag(version));
            return ConsoleUi.seeOther(PAGE + "?published=" + published.guidelineVersion);
        } catch (ProblemException e) {
            GuidelineView g = GuidelineView.of(guidelines.find(id).orElseThrow(NotFoundException::new));
            return Response.status(ConsoleUi.status(e))
                    .entity(renderEditor(g, g.title(), g.markdown(), g.html()).data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    private TemplateInstance renderEditor(GuidelineView g, String title, String markdown, String previewHtml) {
        return ui.page(editor, "guidelines")
                .data("guideline", g)
                .data("draft", g.status() == Guideline.Status.DRAFT)
                .data("title", title)
                .data("markdown", markdown)
                .data("preview", previewHtml == null ? guidelines.renderPreview(markdown) : previewHtml);
    }

    private static Map<String, String> fields(String title, String markdown) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Title", title);
        fields.put("Text", markdown);
        return fields;
    }
}
