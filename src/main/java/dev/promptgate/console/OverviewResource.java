package dev.promptgate.console;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.bundle.BundleStore;
import dev.promptgate.client.device.DeviceHealth;
import dev.promptgate.events.report.CoverageReport;
import dev.promptgate.events.report.CoverageReports;
import dev.promptgate.events.report.ReportFilters;
import dev.promptgate.events.report.ShadowAiReports;
import dev.promptgate.events.report.UsageReport;
import dev.promptgate.events.report.UsageReports;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The overview: browsers enforcing the current policy, acknowledgement coverage of the current guideline, the
 * busiest services and new shadow-AI sites, all read from the reports' daily rollups (never from the events).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    private static final int BUSIEST = 5;
    private static final int DISCOVERIES = 10;

    private final ConsoleUi ui;
    private final Template overview;
    private final DeviceHealth devices;
    private final BundleStore bundles;
    private final ReportFilters filters;
    private final UsageReports usage;
    private final ShadowAiReports shadowAi;
    private final CoverageReports coverage;

    OverviewResource(
            ConsoleUi ui,
            @Location("console/overview.html") Template overview,
            DeviceHealth devices,
            BundleStore bundles,
            ReportFilters filters,
            UsageReports usage,
            ShadowAiReports shadowAi,
            CoverageReports coverage) {
        this.ui = ui;
        this.overview = overview;
        this.devices = devices;
        this.bundles = bundles;
        this.filters = filters;
        this.usage = usage;
        this.shadowAi = shadowAi;
        this.coverage = coverage;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showOverview(@QueryParam("added") String added) {
        return render(AddToCatalog.notice(added));
    }

    @POST
    @Path("shadow-ai/{host}/add-to-catalog")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response addToCatalog(@PathParam("host") String host, @RestForm String csrf) {
        ui.checkForm(csrf);
        return AddToCatalog.add(shadowAi, host, "/console/", () -> render(null));
    }

    private TemplateInstance render(String notice) {
        var range = filters.range(null, null);
        List<UsageReport.Total> busiest = usage.usage(range, null, null).services().stream()
                .sorted(Comparator.comparingLong(UsageReport.Total::visits).reversed())
                .limit(BUSIEST)
                .toList();
        CoverageReport cov = currentCoverage(range);
        return ui.page(overview, "overview")
                .data("notice", notice)
                .data("range", range)
                .data("devices", devices.summary(bundles.revision().orElse(null)))
                .data("coverage", cov)
                .data(
                        "coveragePercent",
                        cov == null || cov.coverage() == null
                                ? "–"
                                : String.format(java.util.Locale.ROOT, "%.1f%%", cov.coverage() * 100))
                .data("busiest", busiest)
                .data("discoveries", shadowAi.shadowAi(range, null, DISCOVERIES).hosts());
    }

    private CoverageReport currentCoverage(ReportFilters.DayRange range) {
        try {
            return coverage.coverage(null, range, null);
        } catch (ProblemException e) {
            // No guideline published yet: the page says so instead of showing a coverage.
            return null;
        }
    }
}
