package dev.promptgate.console;

import dev.promptgate.api.Preconditions;
import dev.promptgate.api.Roles;
import dev.promptgate.dlp.DlpSettingsService;
import dev.promptgate.dlp.DlpSettingsView;
import dev.promptgate.events.EventSettingsService;
import dev.promptgate.events.EventSettingsView;
import dev.promptgate.policy.Action;
import dev.promptgate.policy.SettingsService;
import dev.promptgate.policy.SettingsView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The organization's settings as the API exposes them: the organization ({@code /api/v1/settings}), how events
 * are kept ({@code /api/v1/events/settings}, retention and limits read-only from configuration) and data
 * protection ({@code /api/v1/dlp/settings}). Each form carries its version (If-Match); a stale one shows both.
 */
@Path("/console/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPageResource {

    private static final String PAGE = "/console/settings";
    private static final Map<String, String> NOTICES = Map.of(
            "organization", "Organization settings saved.",
            "events", "Event settings saved.",
            "data-protection", "Data-protection settings saved.");

    private final ConsoleUi ui;
    private final Template page;
    private final SettingsService settings;
    private final EventSettingsService events;
    private final DlpSettingsService dlp;

    SettingsPageResource(
            ConsoleUi ui,
            @Location("console/settings.html") Template page,
            SettingsService settings,
            EventSettingsService events,
            DlpSettingsService dlp) {
        this.ui = ui;
        this.page = page;
        this.settings = settings;
        this.events = events;
        this.dlp = dlp;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showSettings(@QueryParam("saved") String saved) {
        return render().data("notice", saved == null ? null : NOTICES.get(saved));
    }

    @POST
    @Path("organization")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response saveOrganization(
            @RestForm long version,
            @RestForm String organizationName,
            @RestForm Action defaultServiceAction,
            @RestForm Action unknownAiAction,
            @RestForm boolean requireAcknowledgement,
            @RestForm Integer acknowledgeEveryDays,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        SettingsView.Input input = new SettingsView.Input(
                organizationName == null ? null : organizationName.strip(),
                defaultServiceAction,
                unknownAiAction,
                requireAcknowledgement,
                acknowledgeEveryDays);
        return save(
                "organization",
                () -> settings.update(Preconditions.etag(version), ui.valid(input)),
                () -> Conflict.of(
                        "The organization settings",
                        fields(input),
                        fields(SettingsView.Input.of(settings.get())),
                        PAGE));
    }

    @POST
    @Path("events")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response saveEvents(
            @RestForm long version,
            @RestForm EventSettingsView.UserIdentification userIdentification,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        EventSettingsView.Input input = new EventSettingsView.Input(userIdentification);
        return save(
                "events",
                () -> events.update(Preconditions.etag(version), ui.valid(input)),
                () -> Conflict.of(
                        "The event settings",
                        Map.of("People in events", String.valueOf(userIdentification)),
                        Map.of("People in events", String.valueOf(events.get().userIdentification())),
                        PAGE));
    }

    @POST
    @Path("data-protection")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response saveDataProtection(
            @RestForm long version,
            @RestForm boolean unknownAiSites,
            @RestForm String justifications,
            @RestForm String csrf) {
        ui.checkForm(csrf);
        DlpSettingsView.Input input = new DlpSettingsView.Input(unknownAiSites, lines(justifications));
        return save(
                "data-protection",
                () -> dlp.update(Preconditions.etag(version), ui.valid(input)),
                () -> Conflict.of("The data-protection settings", fields(input), fields(dlp.get()), PAGE));
    }

    private Response save(String which, Runnable change, Supplier<Conflict> conflict) {
        return ConsoleUi.change(
                change, PAGE + "?saved=" + which, this::render, page -> page.data("conflict", conflict.get()));
    }

    private TemplateInstance render() {
        DlpSettingsView dataProtection = dlp.get();
        return ui.page(page, "settings")
                .data("org", settings.get())
                .data("events", events.get())
                .data("dlp", dataProtection)
                .data("justifications", String.join("\n", dataProtection.justifications()))
                .data("actions", Action.values())
                .data("identifications", EventSettingsView.UserIdentification.values());
    }

    /** One justification a line, blank lines left out. */
    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("\\R"))
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList();
    }

    private static Map<String, String> fields(SettingsView.Input s) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Organization name", s.organizationName());
        fields.put("Default action for services", String.valueOf(s.defaultServiceAction()));
        fields.put("Action on unknown AI sites", String.valueOf(s.unknownAiAction()));
        fields.put("Require acknowledgement", String.valueOf(s.requireAcknowledgement()));
        fields.put("Acknowledge again every (days)", String.valueOf(s.acknowledgeEveryDays()));
        return fields;
    }

    private static Map<String, String> fields(DlpSettingsView.Input s) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Detect on unknown AI sites", String.valueOf(s.unknownAiSites()));
        fields.put("Justifications", String.join(" · ", s.justifications()));
        return fields;
    }

    private static Map<String, String> fields(DlpSettingsView s) {
        return fields(new DlpSettingsView.Input(s.unknownAiSites(), s.justifications()));
    }
}
