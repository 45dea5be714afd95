package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.GroupView;
import dev.promptgate.policy.urllist.UrlListEntry;
import dev.promptgate.policy.urllist.UrlListEntryView;
import dev.promptgate.policy.urllist.UrlListService;
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
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/** The blocklist and allowlist, with a "test a URL" box that says which entry decides and why. */
@Path("/console/lists")
@Produces(MediaType.TEXT_HTML)
public class ListsResource {

    private static final String PAGE = "/console/lists";

    private final ConsoleUi ui;
    private final Template page;
    private final UrlListService lists;
    private final GroupService groups;

    ListsResource(
            ConsoleUi ui, @Location("console/lists.html") Template page, UrlListService lists, GroupService groups) {
        this.ui = ui;
        this.page = page;
        this.lists = lists;
        this.groups = groups;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showLists(
            @QueryParam("url") String url, @QueryParam("groupId") Long groupId, @QueryParam("done") String done) {
        TemplateInstance view = render().data("testUrl", url).data("testGroupId", groupId);
        if (done != null) {
            view.data("notice", "added".equals(done) ? "Entry added." : "Entry removed.");
        }
        if (url == null || url.isBlank()) {
            return Response.ok(view.data("verdict", null)).build();
        }
        try {
            URI target = new URI(url.strip());
            if (target.getScheme() == null || !target.getScheme().matches("(?i)https?")) {
                throw new URISyntaxException(url, "not an http(s) URL");
            }
            var inEffect = lists.inEffectFor(groupId == null ? Set.of() : Set.of(groupId));
            return Response.ok(view.data("verdict", UrlVerdict.of(target, inEffect)))
                    .build();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Response.status(400)
                    .entity(view.data("verdict", null)
                            .data("error", "Enter a full http(s) URL, e.g. https://chatgpt.com/"))
                    .build();
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response addEntry(
            @RestForm UrlListEntry.Kind list,
            @RestForm String pattern,
            @RestForm UrlListEntry.BlockAction action,
            @RestForm String reason,
            @RestForm Long groupId,
            @RestForm String testUrl,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            var input = ui.valid(new UrlListEntryView.BlockInput(
                    pattern, list == UrlListEntry.Kind.ALLOWLIST ? null : action, blank(reason), groupId));
            lists.create(list == null ? UrlListEntry.Kind.BLOCKLIST : list, input);
            String again = testUrl == null || testUrl.isBlank()
                    ? ""
                    : "&url=" + URLEncoder.encode(testUrl, StandardCharsets.UTF_8);
            return ConsoleUi.seeOther(PAGE + "?done=added" + again);
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(render().data("verdict", null)
                            .data("testUrl", testUrl)
                            .data("testGroupId", null)
                            .data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    @POST
    @Path("{list}/{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response deleteEntry(
            @PathParam("list") UrlListEntry.Kind list,
            @PathParam("id") long id,
            @RestForm long version,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            lists.delete(list, id, Preconditions.etag(version));
            return ConsoleUi.seeOther(PAGE + "?done=removed");
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(render().data("verdict", null)
                            .data("testUrl", null)
                            .data("testGroupId", null)
                            .data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    private TemplateInstance render() {
        PageParams all = PageParams.of(0, PageParams.MAX_SIZE);
        return ui.page(page, "lists")
                .data(
                        "blocklist",
                        lists.list(UrlListEntry.Kind.BLOCKLIST, null, all).items().stream()
                                .map(UrlListEntryView::of)
                                .toList())
                .data(
                        "allowlist",
                        lists.list(UrlListEntry.Kind.ALLOWLIST, null, all).items().stream()
                                .map(UrlListEntryView::of)
                                .toList())
                .data(
                        "groups",
                        groups.list(all).items().stream().map(GroupView::of).toList());
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
