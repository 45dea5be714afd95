package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.events.EventFilters;
import dev.promptgate.events.EventQueries;
import dev.promptgate.events.EventQuery;
import dev.promptgate.events.EventResource;
import dev.promptgate.events.EventTypes;
import dev.promptgate.events.QueryParams;
import dev.promptgate.policy.group.GroupService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The events explorer: the stored events, newest first, filtered as the event API filters them, a page at a time,
 * and the same selection downloaded as CSV or JSON Lines through the export the API uses (with its CSV formula
 * neutralization). Reading events (not rollups) is what this screen is for; the list counts matches only up to
 * {@link EventQueries#COUNT_LIMIT}.
 */
@Path("/console/events")
@Produces(MediaType.TEXT_HTML)
public class EventsPageResource {

    private static final int PAGE_SIZE = 50;
    private static final List<String> TYPES = List.of(
            EventTypes.VISIT,
            EventTypes.WARNED,
            EventTypes.PROCEEDED,
            EventTypes.ACKNOWLEDGED,
            EventTypes.BLOCKED,
            EventTypes.REMINDER_SHOWN,
            EventTypes.REMINDER_DONE,
            EventTypes.POLICY_APPLIED,
            EventTypes.DLP_DETECTED);

    private final ConsoleUi ui;
    private final Template page;
    private final EventQueries events;
    private final EventFilters filters;
    private final CatalogService catalog;
    private final GroupService groups;

    EventsPageResource(
            ConsoleUi ui,
            @Location("console/events.html") Template page,
            EventQueries events,
            EventFilters filters,
            CatalogService catalog,
            GroupService groups) {
        this.ui = ui;
        this.page = page;
        this.events = events;
        this.filters = filters;
        this.catalog = catalog;
        this.groups = groups;
    }

    /** A choice in one of the filter's lists. */
    public record Option(String value, String label, boolean selected) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showEvents(@BeanParam EventForm form, @QueryParam("page") int pageNumber) {
        int number = Math.max(0, Math.min(pageNumber, PageParams.MAX_PAGE));
        TemplateInstance view = ui.page(page, "events")
                .data("form", form)
                .data("query", form.query())
                .data("types", options(TYPES, form.type))
                .data(
                        "services",
                        catalog.listAll().stream()
                                .sorted(Comparator.comparing(s -> s.key))
                                .map(s -> new Option(s.key, s.name, s.key.equals(form.serviceKey)))
                                .toList())
                .data(
                        "groups",
                        groups.all().stream()
                                .map(g -> new Option(
                                        g.id.toString(), g.name, g.id.toString().equals(form.groupId)))
                                .toList());
        try {
            var found = events.search(form.toQuery(filters), PageParams.of(number, PAGE_SIZE));
            return Response.ok(view.data("events", found.items())
                            .data("total", found.total())
                            .data("more", found.totalIsLowerBound())
                            .data("previousPage", number - 1)
                            .data("nextPage", number + 1)
                            .data("hasNext", found.items().size() == PAGE_SIZE)
                            .data("hasPrevious", number > 0))
                    .build();
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(view.data("events", List.of())
                            .data("total", 0)
                            .data("more", false)
                            .data("hasNext", false)
                            .data("hasPrevious", false)
                            .data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    @GET
    @Path("export")
    @Produces({"text/csv", EventResource.JSON_LINES})
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response exportEvents(@BeanParam EventForm form, @QueryParam("format") String formatName) {
        var format =
                QueryParams.oneOf("format", formatName == null ? "csv" : formatName, EventQueries.ExportFormat.class);
        EventQuery query = form.toQuery(filters);
        StreamingOutput body = out -> events.export(query, format, out);
        String type = format == EventQueries.ExportFormat.csv ? "text/csv; charset=utf-8" : EventResource.JSON_LINES;
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"promptgate-events." + format + "\"")
                .build();
    }

    private static List<Option> options(List<String> values, String selected) {
        return values.stream().map(v -> new Option(v, v, v.equals(selected))).toList();
    }
}
