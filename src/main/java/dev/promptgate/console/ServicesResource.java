package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.AiServiceView;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.policy.Action;
import dev.promptgate.policy.RuleService;
import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.GroupView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The catalog: each service's data-policy facts and review date, its action for the organization and per group
 * (message, alternative, history reminder), and custom services.
 */
@Path("/console/services")
@Produces(MediaType.TEXT_HTML)
public class ServicesResource {

    private static final String PAGE = "/console/services";

    private final ConsoleUi ui;
    private final Template list;
    private final Template detail;
    private final CatalogService catalog;
    private final RuleService rules;
    private final GroupService groups;

    ServicesResource(
            ConsoleUi ui,
            @Location("console/services.html") Template list,
            @Location("console/service.html") Template detail,
            CatalogService catalog,
            RuleService rules,
            GroupService groups) {
        this.ui = ui;
        this.list = list;
        this.detail = detail;
        this.catalog = catalog;
        this.rules = rules;
        this.groups = groups;
    }

    /** A service in the list: its facts and the organization's action. */
    public record Row(AiServiceView service, Action organizationAction) {}

    /** One rule form: the organization's ({@code group} null) or a group's, with the rule when there is one. */
    public record RuleForm(GroupView group, RuleView rule) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showServices(@QueryParam("done") String done) {
        return renderList()
                .data(
                        "notice",
                        "created".equals(done)
                                ? "Custom service added."
                                : "deleted".equals(done) ? "Custom service deleted." : null);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showService(@PathParam("key") String key, @QueryParam("done") String done) {
        return renderDetail(key)
                .data(
                        "notice",
                        "saved".equals(done) ? "Rule saved." : "updated".equals(done) ? "Service saved." : null);
    }

    @POST
    @Path("{key}/rules")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response saveRule(
            @PathParam("key") String key,
            @RestForm Long groupId,
            @RestForm Long version,
            @RestForm Action action,
            @RestForm String message,
            @RestForm boolean historyReminder,
            @RestForm String alternativeName,
            @RestForm String alternativeUrl,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        boolean hasAlternative = alternativeName != null && !alternativeName.isBlank()
                || alternativeUrl != null && !alternativeUrl.isBlank();
        RuleView.Input input = new RuleView.Input(
                action,
                message,
                historyReminder,
                hasAlternative ? new RuleView.Alternative(alternativeName, alternativeUrl) : null);
        try {
            rules.save(key, groupId, version == null ? null : Preconditions.etag(version), ui.valid(input));
            return ConsoleUi.seeOther(PAGE + "/" + key + "?done=saved");
        } catch (ProblemException.StaleVersion e) {
            RuleView.Input now = RuleView.Input.of(rules.require(key, groupId));
            return failed(key, e, Conflict.of("The rule", fields(input), fields(now), PAGE + "/" + key));
        } catch (ProblemException e) {
            return failed(key, e, null);
        }
    }

    @POST
    @Path("{key}/rules/delete")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response deleteRule(
            @PathParam("key") String key, @RestForm Long groupId, @RestForm long version, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            rules.delete(key, groupId, Preconditions.etag(version));
            return ConsoleUi.seeOther(PAGE + "/" + key + "?done=saved");
        } catch (ProblemException e) {
            return failed(key, e, null);
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response createCustomService(@RestForm String key, @BeanParam ServiceForm form, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new ProblemException.InvalidInput("key", "must be 1 to 63 lowercase letters, digits and dashes");
            }
            if (catalog.find(key).isPresent()) {
                throw new ProblemException.Conflict("A service with key '" + key + "' exists already");
            }
            catalog.save(key, null, ui.valid(form.newService()));
            return ConsoleUi.seeOther(PAGE + "?done=created");
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(renderList().data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    /**
     * Replaces a custom service's definition: what it is, its hosts and its data-policy facts, with the version the
     * page showed (If-Match). The facts the form does not show (history steps, settings page, sources) are kept.
     */
    @POST
    @Path("{key}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response updateCustomService(
            @PathParam("key") String key, @RestForm long version, @BeanParam ServiceForm form, @RestForm String csrf) {
        ui.checkForm(csrf);
        ServiceDefinition now = ServiceDefinition.of(requireCustom(key));
        try {
            ServiceDefinition definition = form.applyTo(now);
            try {
                catalog.save(key, Preconditions.etag(version), ui.valid(definition));
                return ConsoleUi.seeOther(PAGE + "/" + key + "?done=updated");
            } catch (ProblemException.StaleVersion e) {
                ServiceDefinition theirs = ServiceDefinition.of(requireCustom(key));
                return failed(
                        key,
                        e,
                        Conflict.of(
                                "The service",
                                ServiceForm.fields(definition),
                                ServiceForm.fields(theirs),
                                PAGE + "/" + key));
            }
        } catch (ProblemException e) {
            return failed(key, e, null);
        }
    }

    /** Deletes a custom service and its rules, with the version the page showed. */
    @POST
    @Path("{key}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response deleteCustomService(@PathParam("key") String key, @RestForm long version, @RestForm String csrf) {
        ui.checkForm(csrf);
        requireCustom(key);
        try {
            catalog.delete(key, Preconditions.etag(version));
            return ConsoleUi.seeOther(PAGE + "?done=deleted");
        } catch (ProblemException e) {
            return failed(key, e, null);
        }
    }

    private AiService requireCustom(String key) {
        AiService service =
                catalog.find(key).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No AI service '" + key + "'"));
        if (service.builtIn) {
            throw new jakarta.ws.rs.NotFoundException("'" + key + "' is a built-in service, not a custom one");
        }
        return service;
    }

    private TemplateInstance renderList() {
        Map<String, Action> orgActions = new LinkedHashMap<>();
        rules.list(null, null, true, PageParams.of(0, PageParams.MAX_SIZE))
                .items()
                .forEach(r -> orgActions.put(r.serviceKey, r.action));
        List<Row> rows = catalog.listAll().stream()
                .map(s -> new Row(AiServiceView.of(s), orgActions.get(s.key)))
                .toList();
        return ui.page(list, "services")
                .data("rows", rows)
                .data("categories", AiService.Category.values())
                .data("risks", AiService.Risk.values());
    }

    private TemplateInstance renderDetail(String key) {
        AiService service =
                catalog.find(key).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No AI service '" + key + "'"));
        List<RuleForm> forms = new java.util.ArrayList<>();
        forms.add(new RuleForm(null, rules.find(key, null).map(RuleView::of).orElse(null)));
        groups.list(PageParams.of(0, PageParams.MAX_SIZE))
                .items()
                .forEach(g -> forms.add(new RuleForm(
                        GroupView.of(g), rules.find(key, g.id).map(RuleView::of).orElse(null))));
        return ui.page(detail, "services")
                .data("service", AiServiceView.of(service))
                .data("forms", forms)
                .data("actions", Action.values())
                .data("categories", AiService.Category.values())
                .data("risks", AiService.Risk.values());
    }

    private Response failed(String key, ProblemException e, Conflict conflict) {
        return Response.status(ConsoleUi.status(e))
                .entity(renderDetail(key)
                        .data("error", conflict == null ? ConsoleUi.describe(e) : null)
                        .data("conflict", conflict))
                .build();
    }

    private static Map<String, String> fields(RuleView.Input r) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Action", String.valueOf(r.action()));
        fields.put("Message", r.message());
        fields.put("History reminder", String.valueOf(Boolean.TRUE.equals(r.historyReminder())));
        fields.put(
                "Alternative",
                r.alternative() == null
                        ? null
                        : r.alternative().name() + " " + r.alternative().url());
        return fields;
    }
}
