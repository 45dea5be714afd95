package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.events.AcknowledgementQuery;
import dev.promptgate.events.EventQueries;
import dev.promptgate.events.report.CoverageReports;
import dev.promptgate.events.report.DlpReports;
import dev.promptgate.events.report.ReportFilters;
import dev.promptgate.events.report.ShadowAiReports;
import dev.promptgate.events.report.UsageReports;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.guideline.Guideline;
import dev.promptgate.policy.guideline.GuidelineService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The reports: use of the catalog's services per service, group and day; AI sites outside the catalog with "add to
 * catalog"; acknowledgement coverage of a guideline version per group, and who acknowledged; data-protection
 * detections. Each reads the reports' daily rollups through their services, never the events.
 */
@Path("/console/reports")
@Produces(MediaType.TEXT_HTML)
public class ReportsPageResource {

    private static final String SHADOW_AI = "/console/reports/shadow-ai";
    private static final int SHADOW_AI_HOSTS = 100;
    private static final int PEOPLE_PAGE = 50;
    private static final int VERSIONS = 50;

    private final ConsoleUi ui;
    private final Templates templates;
    private final ReportFilters filters;
    private final GroupService groups;
    private final UsageReports usage;
    private final ShadowAiReports shadowAi;
    private final CoverageReports coverage;
    private final DlpReports dlp;
    private final GuidelineService guidelines;
    private final EventQueries events;

    /** The report screens' templates. */
    record Templates(Template usage, Template shadowAi, Template acknowledgements, Template dlp) {}

    ReportsPageResource(
            ConsoleUi ui,
            @Location("console/report-usage.html") Template usagePage,
            @Location("console/report-shadow-ai.html") Template shadowAiPage,
            @Location("console/report-acknowledgements.html") Template acknowledgementsPage,
            @Location("console/report-dlp.html") Template dlpPage,
            ReportFilters filters,
            GroupService groups,
            UsageReports usage,
            ShadowAiReports shadowAi,
            CoverageReports coverage,
            DlpReports dlp,
            GuidelineService guidelines,
            EventQueries events) {
        this.ui = ui;
        this.templates = new Templates(usagePage, shadowAiPage, acknowledgementsPage, dlpPage);
        this.filters = filters;
        this.groups = groups;
        this.usage = usage;
        this.shadowAi = shadowAi;
        this.coverage = coverage;
        this.dlp = dlp;
        this.guidelines = guidelines;
        this.events = events;
    }

    /** One acknowledgement as the list of people shows it: the user when identified, else the pseudonym. */
    public record Person(String who, String deviceId, String groups, Instant at) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showUsage(@BeanParam ReportQuery asked, @QueryParam("serviceKey") String serviceKey) {
        ReportForm form = ReportForm.of(asked, groups);
        String service = blankToNull(serviceKey);
        return render(templates.usage(), form, page -> {
            var range = form.range(filters);
            var report = usage.usage(range, form.group(filters), service);
            return page.data("report", report)
                    .data("perGroup", form.groupId() == null ? usage.perGroup(range, service) : List.of());
        });
    }

    @GET
    @Path("shadow-ai")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showShadowAi(@BeanParam ReportQuery asked, @QueryParam("added") String added) {
        ReportForm form = ReportForm.of(asked, groups);
        return render(templates.shadowAi(), form, page -> page.data(
                        "report", shadowAi.shadowAi(form.range(filters), form.group(filters), SHADOW_AI_HOSTS))
                .data("notice", AddToCatalog.notice(added)));
    }

    @POST
    @Path("shadow-ai/{host}/add-to-catalog")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response addToCatalog(@PathParam("host") String host, @RestForm String csrf) {
        ui.checkForm(csrf);
        return AddToCatalog.add(shadowAi, host, SHADOW_AI, () ->
                (TemplateInstance) showShadowAi(new ReportQuery(), null).getEntity());
    }

    @GET
    @Path("acknowledgements")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showAcknowledgements(
            @BeanParam ReportQuery asked,
            @QueryParam("guidelineVersion") Integer guidelineVersion,
            @QueryParam("page") int pageNumber) {
        ReportForm form = ReportForm.of(asked, groups);
        List<Integer> versions =
                guidelines.list(Guideline.Status.PUBLISHED, PageParams.of(0, VERSIONS)).items().stream()
                        .map(g -> g.guidelineVersion)
                        .toList();
        Integer version = guidelineVersion != null ? guidelineVersion : versions.isEmpty() ? null : versions.get(0);
        int number = Math.max(0, Math.min(pageNumber, PageParams.MAX_PAGE));
        return render(templates.acknowledgements(), form, page -> {
            page.data("versions", versions).data("version", version);
            if (version == null) {
                return page.data("report", null).data("people", List.of()).data("hasNext", false);
            }
            var group = form.group(filters);
            var report = coverage.coverage(version, form.range(filters), group);
            var people = events.acknowledgements(
                    new AcknowledgementQuery(
                            version, null, false, null, group == null ? null : group.name(), null, null),
                    PageParams.of(number, PEOPLE_PAGE));
            return page.data("report", report)
                    .data("percent", ConsoleFormat.percent(report.coverage()))
                    .data(
                            "people",
                            people.items().stream()
                                    .map(ReportsPageResource::person)
                                    .toList())
                    .data("peopleTotal", people.total())
                    .data("nextPage", number + 1)
                    .data("hasNext", (long) (number + 1) * PEOPLE_PAGE < people.total());
        });
    }

    @GET
    @Path("dlp")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showDlp(
            @BeanParam ReportQuery asked,
            @QueryParam("serviceKey") String serviceKey,
            @QueryParam("detector") String detector) {
        ReportForm form = ReportForm.of(asked, groups);
        return render(
                templates.dlp(),
                form,
                page -> page.data(
                        "report",
                        dlp.detections(
                                form.range(filters),
                                form.group(filters),
                                blankToNull(serviceKey),
                                blankToNull(detector))));
    }

    /** The page with its report, or with the reason the filters were refused (400) and no report. */
    private Response render(Template template, ReportForm form, UnaryOperator<TemplateInstance> fill) {
        TemplateInstance page = ui.page(template, "reports").data("form", form);
        try {
            return Response.ok(fill.apply(page)).build();
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(page.data("report", null)
                            .data("perGroup", List.of())
                            .data("people", List.of())
                            .data("hasNext", false)
                            .data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    private static Person person(dev.promptgate.events.AcknowledgementView a) {
        String who = a.user() != null ? a.user() : a.userPseudonym() != null ? a.userPseudonym() : "device only";
        return new Person(who, a.deviceId(), String.join(", ", a.groups()), a.acknowledgedAt());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
