package dev.promptgate.client.device;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import dev.promptgate.bundle.BundleStore;
import dev.promptgate.events.EventQueries.ExportFormat;
import dev.promptgate.events.EventResource;
import dev.promptgate.events.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The browsers that report their enforcement health, for admins and viewers. */
@Path("/api/v1/devices")
@Tag(name = "Devices", description = "Which browsers enforce which policy with which extension version.")
@SecurityRequirement(name = "bearer")
public class DeviceResource {

    private final DeviceHealth devices;
    private final BundleStore bundles;

    DeviceResource(DeviceHealth devices, BundleStore bundles) {
        this.devices = devices;
        this.bundles = bundles;
    }

    /** The list's filters, from the query string. */
    public static class Filters {
        @QueryParam("stalePolicy")
        @Parameter(
                description = "true: only browsers not known to enforce the current policy; false: only those that do")
        public Boolean stalePolicy;

        @QueryParam("outdatedThan")
        @Pattern(regexp = "[0-9]{1,5}(\\.[0-9]{1,5}){0,3}", message = "must be an extension version such as 1.2.0")
        @Parameter(description = "Only browsers whose extension version is lower than this one")
        public String outdatedThan;

        @QueryParam("errors")
        @Parameter(description = "true: only browsers with a sync error or rules they could not apply")
        public Boolean errors;

        @QueryParam("notSeenDays")
        @Min(0)
        @Max(3650)
        @Parameter(description = "Only browsers not seen for at least this many days")
        public Integer notSeenDays;

        @QueryParam("browser")
        @Pattern(
                regexp = "chrome|edge|chromium|firefox|other",
                message = "must be chrome, edge, chromium, firefox or other")
        @Parameter(description = "Only this browser")
        public String browser;

        DeviceHealth.DeviceFilter filter() {
            return new DeviceHealth.DeviceFilter(stalePolicy, outdatedThan, errors, notSeenDays, browser);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List the browsers that report their enforcement health, most recently seen first")
    public Page<DeviceHealth.DeviceView> listDevices(
            @Valid @BeanParam Filters filters, @Valid @BeanParam PageParams paging) {
        return devices.list(filters.filter(), paging, bundles.revision().orElse(null));
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Count the browsers enforcing the current policy, per extension version and per browser")
    public DeviceHealth.Summary summarizeDevices() {
        return devices.summary(bundles.revision().orElse(null));
    }

    @GET
    @Path("export")
    @Produces({"text/csv", EventResource.JSON_LINES})
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary = "Export the browsers matching the filters as CSV or JSON Lines, most recently seen first",
            description = "Same filters as the list. In JSON Lines each line is the object the list shows.")
    @APIResponse(responseCode = "200", description = "The browsers, as text/csv or application/x-ndjson")
    public Response exportDevices(
            @Valid @BeanParam Filters filters,
            @QueryParam("format")
                    @DefaultValue("csv")
                    @Parameter(description = "csv (with a header line) or jsonl (one JSON object per line)")
                    String formatName) {
        var format = QueryParams.oneOf("format", formatName, ExportFormat.class);
        Long revision = bundles.revision().orElse(null);
        StreamingOutput body = out -> devices.export(filters.filter(), revision, format, out);
        String type = format == ExportFormat.csv ? "text/csv; charset=utf-8" : EventResource.JSON_LINES;
        return Response.ok(body, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=promptgate-devices." + format)
                .build();
    }
}
