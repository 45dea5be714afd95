package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import dev.promptgate.audit.AuditLog;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log, newest first, filtered by actor, kind of entity and action. */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPageResource {

    private static final int PAGE_SIZE = 50;

    private final ConsoleUi ui;
    private final Template page;
    private final AuditLog audit;

    AuditPageResource(ConsoleUi ui, @Location("console/audit.html") Template page, AuditLog audit) {
        this.ui = ui;
        this.page = page;
        this.audit = audit;
    }

    /** One change as the log lists it. */
    public record Row(java.time.Instant at, String actor, String action, String entityType, String entityId) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showAuditLog(
            @QueryParam("actor") String actor,
            @QueryParam("entityType") String entityType,
            @QueryParam("action") String action,
            @QueryParam("page") int pageNumber) {
        int number = Math.max(0, Math.min(pageNumber, PageParams.MAX_PAGE));
        var entries = audit.search(
                        new AuditLog.AuditQuery(blank(actor), blank(entityType), null, blank(action), null, null),
                        PageParams.of(number, PAGE_SIZE))
                .map(e -> new Row(e.at, e.actor, e.action, e.entityType, e.entityId));
        return ui.page(page, "audit")
                .data("entries", entries.items())
                .data("total", entries.total())
                .data("nextPage", number + 1)
                .data("hasNext", (long) (number + 1) * PAGE_SIZE < entries.total())
                .data("actor", actor == null ? "" : actor)
                .data("entityType", entityType == null ? "" : entityType)
                .data("action", action == null ? "" : action);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
