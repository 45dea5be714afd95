package dev.promptgate.events;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "What browsers reported: search, SIEM export, and how users are recorded.")
public class EventResource {

    /** The media type of a JSON Lines export. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final EventQueries events;
    private final EventFilters filters;
    private final EventSettingsService settings;

    EventResource(EventQueries events, EventFilters filters, EventSettingsService settings) {
        this.events = events;
        this.filters = filters;
        this.settings = settings;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary = "List events, newest first, by type, service, host, device, user, group and time",
            description = "total counts the matching events up to 1,000; totalIsLowerBound says there are more."
                    + " The reports count everything.")
    public EventPage listEvents(@BeanParam EventParams params, @Valid @BeanParam PageParams paging) {
        return events.search(params.toQuery(filters), paging);
    }

    @GET
    @Path("export")
    @Produces({"text/csv", JSON_LINES})
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary = "Export events, oldest first, as CSV or JSON Lines for a SIEM (streamed)",
            description = "Same filters as the list. Pull overlapping windows and drop ids already seen: events"
                    + " from devices that were offline arrive late.")
    @APIResponse(responseCode = "200", description = "The events, as text/csv or application/x-ndjson")
    public Response exportEvents(
            @BeanParam EventParams params,
            @QueryParam("format")
                    @DefaultValue("csv")
                    @Parameter(description = "csv (with a header line) or jsonl (one JSON object per line)")
                    String formatName) {
        var format = QueryParams.oneOf("format", formatName, EventQueries.ExportFormat.class);
        EventQuery query = params.toQuery(filters);
        StreamingOutput body = out -> events.export(query, format, out);
        String type = format == EventQueries.ExportFormat.csv ? "text/csv; charset=utf-8" : JSON_LINES;
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"promptgate-events." + format + "\"")
                .build();
    }

    @GET
    @Path("settings")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get how events are kept: pseudonymous or identified users, retention, limits")
    public EventSettingsView getEventSettings() {
        return settings.get();
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Switch between pseudonymous and identified users (If-Match required; audited)",
            description = "Identified mode stores the user identifier next to its pseudonym from now on. Switching"
                    + " back removes the identifiers kept with acknowledgements at once, and those kept with events"
                    + " in the background (removingIdentifiers says when that is done).")
    public EventSettingsView updateEventSettings(
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EventSettingsView.Input input) {
        return settings.update(ifMatch, input);
    }

    /** The filters of the list and the export. */
    public static class EventParams {
        @QueryParam("from")
        @Parameter(
                description = "From this instant (inclusive, ISO-8601, 1970 to 9999); default: a week before to.",
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        public String from;

        @QueryParam("to")
        @Parameter(
                description = "Up to this instant (exclusive, 1970 to 9999); default: a day from now.",
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        public String to;

        @QueryParam("type")
        @Parameter(description = "Only this event type, e.g. warned.")
        public String type;

        @QueryParam("serviceKey")
        @Parameter(description = "Only this catalog service.")
        public String serviceKey;

        @QueryParam("host")
        @Parameter(description = "Only this host.")
        public String host;

        @QueryParam("deviceId")
        @Parameter(description = "Only this device (install id).")
        public String deviceId;

        @QueryParam("user")
        @Parameter(description = "Only this user identifier (identified mode only; events stored in it).")
        public String user;

        @QueryParam("userPseudonym")
        @Parameter(description = "Only this user pseudonym.")
        public String userPseudonym;

        @QueryParam("guidelineVersion")
        @Parameter(description = "Only events naming this guideline version.")
        public Integer guidelineVersion;

        @QueryParam("groupId")
        @Parameter(description = "Only events of people in this group.")
        public Long groupId;

        EventQuery toQuery(EventFilters filters) {
            return filters.query(
                    QueryParams.instant("from", from),
                    QueryParams.instant("to", to),
                    type,
                    serviceKey,
                    host,
                    deviceId,
                    user,
                    userPseudonym,
                    guidelineVersion,
                    groupId);
        }
    }
}
