package dev.promptgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import dev.promptgate.api.TimeBounds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List audit entries, newest first, with optional filters")
    public Page<AuditEntryView> listAuditEntries(
            @QueryParam("actor") @Parameter(description = "Only changes by this actor.") String actor,
            @QueryParam("entityType") @Parameter(description = "Only this kind of entity, e.g. service-rule.")
                    String entityType,
            @QueryParam("entityId") @Parameter(description = "Only this entity.") String entityId,
            @QueryParam("action") @Parameter(description = "Only this action, e.g. update.") String action,
            @QueryParam("from") @Parameter(description = "From this instant (inclusive, ISO-8601, 1970 to 9999).")
                    Instant from,
            @QueryParam("to") @Parameter(description = "Up to this instant (exclusive, ISO-8601, 1970 to 9999).")
                    Instant to,
            @Valid @BeanParam PageParams paging) {
        return audit.search(
                        new AuditLog.AuditQuery(
                                actor,
                                entityType,
                                entityId,
                                action,
                                TimeBounds.instant("from", from),
                                TimeBounds.instant("to", to)),
                        paging)
                .map(AuditEntryView::of);
    }

    public record AuditEntryView(
            long id,
            Instant at,
            String actor,
            String action,
            String entityType,
            String entityId,
            JsonNode before,
            JsonNode after) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(e.id, e.at, e.actor, e.action, e.entityType, e.entityId, e.before, e.after);
        }
    }
}
