package dev.promptgate.events.report;

import dev.promptgate.api.Roles;
import dev.promptgate.catalog.AiServiceView;
import dev.promptgate.events.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Reports",
        description = "Use of AI services, AI sites outside the catalog, acknowledgement coverage and data-protection"
                + " detections, per UTC day.")
public class ReportResource {

    private final ReportFilters filters;
    private final UsageReports usage;
    private final ShadowAiReports shadowAi;
    private final CoverageReports coverage;
    private final DlpReports dlp;

    ReportResource(
            ReportFilters filters,
            UsageReports usage,
            ShadowAiReports shadowAi,
            CoverageReports coverage,
            DlpReports dlp) {
        this.filters = filters;
        this.usage = usage;
        this.shadowAi = shadowAi;
        this.coverage = coverage;
        this.dlp = dlp;
    }

    @GET
    @Path("usage")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Report use of catalog services per day: visits, users, warnings, blocks, reminders")
    public UsageReport getUsageReport(
            @BeanParam ReportScope scope,
            @QueryParam("serviceKey") @Parameter(description = "Only this service.") String serviceKey) {
        return usage.usage(range(scope), filters.group(scope.groupId), blankToNull(serviceKey));
    }

    @GET
    @Path("shadow-ai")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Report the most used AI sites that are not in the catalog (shadow AI)")
    public ShadowAiReport getShadowAiReport(
            @BeanParam ReportScope scope,
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Min(1)
                    @Max(500)
                    @Parameter(description = "Hosts listed, 1 to 500.")
                    int limit) {
        return shadowAi.shadowAi(range(scope), filters.group(scope.groupId), limit);
    }

    @POST
    @Path("shadow-ai/{host}/add-to-catalog")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Add a discovered host to the catalog as a custom service (audited)",
            description = "The body is optional; the key, name and vendor are derived from the host when left out."
                    + " Set the service's action with a service rule afterwards.")
    @APIResponse(responseCode = "201", description = "The new catalog service")
    public Response addShadowAiHostToCatalog(@PathParam("host") String host, @Valid NewCatalogEntry entry) {
        AiServiceView service = AiServiceView.of(shadowAi.addToCatalog(host, entry));
        return Response.created(URI.create("/api/v1/services/" + service.key()))
                .entity(service)
                .build();
    }

    @GET
    @Path("acknowledgements")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Report how many people active in a period acknowledged a guideline version, per group")
    public CoverageReport getAcknowledgementCoverage(
            @QueryParam("guidelineVersion") @Parameter(description = "Default: the current published version.")
                    Integer guidelineVersion,
            @BeanParam ReportScope scope) {
        return coverage.coverage(guidelineVersion, range(scope), filters.group(scope.groupId));
    }

    @GET
    @Path("dlp")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary = "Report data-protection detections per day, detector and service, with override and"
                    + " false-positive rates per detector")
    public DlpReport getDlpReport(
            @BeanParam ReportScope scope,
            @QueryParam("serviceKey") @Size(max = 63) @Parameter(description = "Only this service.") String serviceKey,
            @QueryParam("detector") @Size(max = 40) @Parameter(description = "Only this detector id.")
                    String detector) {
        return dlp.detections(
                range(scope), filters.group(scope.groupId), blankToNull(serviceKey), blankToNull(detector));
    }

    private ReportFilters.DayRange range(ReportScope scope) {
        return filters.range(QueryParams.day("from", scope.from), QueryParams.day("to", scope.to));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
