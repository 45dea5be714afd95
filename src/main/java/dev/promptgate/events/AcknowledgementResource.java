package dev.promptgate.events;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/acknowledgements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class AcknowledgementResource {

    private final EventQueries events;
    private final EventFilters filters;

    AcknowledgementResource(EventQueries events, EventFilters filters) {
        this.events = events;
        this.filters = filters;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List who acknowledged which guideline version and when, newest first")
    public Page<AcknowledgementView> listAcknowledgements(
            @QueryParam("guidelineVersion") @Parameter(description = "Only this guideline version.")
                    Integer guidelineVersion,
            @QueryParam("user") @Parameter(description = "Only this user identifier (identified mode only).")
                    String user,
            @QueryParam("userPseudonym") @Parameter(description = "Only this user pseudonym.") String userPseudonym,
            @QueryParam("deviceId") @Parameter(description = "Only this device.") String deviceId,
            @QueryParam("groupId") @Parameter(description = "Only people who were in this group.") Long groupId,
            @QueryParam("from")
                    @Parameter(
                            description = "Acknowledged at or after this instant (ISO-8601, 1970 to 9999).",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    String from,
            @QueryParam("to")
                    @Parameter(
                            description = "Acknowledged before this instant (1970 to 9999).",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    String to,
            @Valid @BeanParam PageParams paging) {
        var query = filters.acknowledgementQuery(
                guidelineVersion,
                user,
                userPseudonym,
                deviceId,
                groupId,
                QueryParams.instant("from", from),
                QueryParams.instant("to", to));
        return events.acknowledgements(query, paging);
    }
}
