package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.GroupView;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/** Groups: the IdP group value each maps to and its priority; create, edit (If-Match) and delete. */
@Path("/console/groups")
@Produces(MediaType.TEXT_HTML)
public class GroupsResource {

    private static final String PAGE = "/console/groups";
    private static final Map<String, String> NOTICES =
            Map.of("created", "Group created.", "saved", "Group saved.", "deleted", "Group deleted.");

    private final ConsoleUi ui;
    private final Template groupsPage;
    private final GroupService groups;

    GroupsResource(ConsoleUi ui, @Location("console/groups.html") Template groupsPage, GroupService groups) {
        this.ui = ui;
        this.groupsPage = groupsPage;
        this.groups = groups;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showGroups(@QueryParam("done") String done) {
        return render().data("notice", done == null ? null : NOTICES.get(done));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response createGroup(
            @RestForm String name, @RestForm String idpValue, @RestForm Integer priority, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            groups.create(ui.valid(new GroupView.Input(name, idpValue, priority)));
            return ConsoleUi.seeOther(PAGE + "?done=created");
        } catch (ProblemException e) {
            return failed(e, null);
        }
    }

    @POST
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response updateGroup(
            @PathParam("id") long id,
            @RestForm long version,
            @RestForm String name,
            @RestForm String idpValue,
            @RestForm Integer priority,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        GroupView.Input input = new GroupView.Input(name, idpValue, priority);
        try {
            groups.update(id, Preconditions.etag(version), ui.valid(input));
            return ConsoleUi.seeOther(PAGE + "?done=saved");
        } catch (ProblemException.StaleVersion e) {
            return failed(e, Conflict.of("The group", fields(input), fields(GroupView.of(groups.require(id))), PAGE));
        } catch (ProblemException e) {
            return failed(e, null);
        }
    }

    @POST
    @Path("{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response deleteGroup(@PathParam("id") long id, @RestForm long version, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            groups.delete(id, Preconditions.etag(version));
            return ConsoleUi.seeOther(PAGE + "?done=deleted");
        } catch (ProblemException e) {
            return failed(e, null);
        }
    }

    private TemplateInstance render() {
        return ui.page(groupsPage, "groups")
                .data(
                        "groups",
                        groups.list(PageParams.of(0, PageParams.MAX_SIZE)).items().stream()
                                .map(GroupView::of)
                                .toList());
    }

    private Response failed(ProblemException e, Conflict conflict) {
        return Response.status(ConsoleUi.status(e))
                .entity(render().data("error", conflict == null ? ConsoleUi.describe(e) : null)
                        .data("conflict", conflict))
                .build();
    }

    private static Map<String, String> fields(GroupView.Input g) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Name", g.name());
        fields.put("IdP group value", g.idpValue());
        fields.put("Priority", String.valueOf(g.priority()));
        return fields;
    }

    private static Map<String, String> fields(GroupView g) {
        return fields(new GroupView.Input(g.name(), g.idpValue(), g.priority()));
    }
}
