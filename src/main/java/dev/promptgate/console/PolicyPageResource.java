package dev.promptgate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.policy.document.PolicyApply;
import dev.promptgate.policy.document.PolicyChange;
import dev.promptgate.policy.document.PolicyDocument;
import dev.promptgate.policy.document.PolicyDocumentCodec;
import dev.promptgate.policy.document.PolicyExport;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Policy as code: the whole policy as one document (the API's {@code /api/v1/policy}) to read and download, and a
 * pasted document's changes shown as a dry run before they are applied. The apply sends the document exactly as
 * previewed with the policy's ETag from the preview (If-Match), so what is applied is what was shown, or nothing.
 */
@Path("/console/policy")
public class PolicyPageResource {

    private static final String PAGE = "/console/policy";
    // A document of the API's largest (every list at its maximum) is far below this; the form keeps nothing longer.
    private static final int MAX_DOCUMENT = 900_000;

    private final ConsoleUi ui;
    private final Template page;
    private final PolicyExport export;
    private final PolicyApply apply;
    private final PolicyDocumentCodec codec;
    private final ObjectMapper json;

    PolicyPageResource(
            ConsoleUi ui,
            @Location("console/policy.html") Template page,
            PolicyExport export,
            PolicyApply apply,
            PolicyDocumentCodec codec,
            ObjectMapper json) {
        this.ui = ui;
        this.page = page;
        this.export = export;
        this.apply = apply;
        this.codec = codec;
        this.json = json;
    }

    /** One change as the page lists it: before and after as compact JSON. */
    public record Change(String op, String kind, String key, String before, String after) {}

    /** A previewed document: its changes, and the policy ETag they were computed against. */
    public record Preview(List<Change> changes, String etag) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showPolicy(@QueryParam("applied") Integer applied) {
        return render("", null)
                .data(
                        "notice",
                        applied == null
                                ? null
                                : applied == 0
                                        ? "Nothing changed."
                                        : "Applied " + applied + (applied == 1 ? " change." : " changes."));
    }

    @GET
    @Path("export")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response exportPolicy(@QueryParam("format") String format) {
        boolean yaml = !"json".equals(format);
        PolicyExport.Exported exported = export.export();
        return Response.ok(write(exported.document(), yaml))
                .type(yaml ? PolicyDocumentCodec.APPLICATION_YAML : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ETAG, exported.etag())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=promptgate-policy." + (yaml ? "yaml" : "json"))
                .build();
    }

    @POST
    @Path("preview")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response previewPolicy(@RestForm String document, @RestForm String csrf) {
        ui.checkForm(csrf);
        String text = document == null ? "" : document;
        try {
            PolicyDocument parsed = parse(text);
            return Response.ok(render(text, preview(parsed))).build();
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(render(text, null).data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    @POST
    @Path("apply")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response applyPolicy(@RestForm String document, @RestForm String etag, @RestForm String csrf) {
        ui.checkForm(csrf);
        String text = document == null ? "" : document;
        try {
            PolicyDocument parsed = parse(text);
            try {
                PolicyApply.Applied applied = apply.apply(parsed, etag);
                return ConsoleUi.seeOther(PAGE + "?applied=" + applied.changes().size());
            } catch (ProblemException.StaleVersion e) {
                // Someone changed the policy after the preview: nothing is applied; the changes against the policy as
                // it is now are shown instead, to review and apply again, or the admin reloads.
                return Response.status(ConsoleUi.status(e))
                        .entity(render(text, preview(parsed)).data("stale", true))
                        .build();
            }
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(render(text, null).data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    private Preview preview(PolicyDocument document) {
        // The ETag first, then the changes against exactly that policy (the dry run checks it), so that the apply's
        // If-Match stands for the policy the changes were computed from.
        String etag = export.export().etag();
        List<Change> changes = export.preview(document, etag).stream()
                .map(c -> new Change(
                        c.op().name().toLowerCase(java.util.Locale.ROOT),
                        kindName(c.kind()),
                        c.key(),
                        compact(c.before()),
                        compact(c.after())))
                .toList();
        return new Preview(changes, etag);
    }

    private TemplateInstance render(String document, Preview preview) {
        return ui.page(page, "policy")
                .data("current", new String(write(export.export().document(), true), StandardCharsets.UTF_8))
                .data("document", document)
                .data("preview", preview)
                .data("stale", false);
    }

    /** A pasted document: JSON when it starts with a brace, YAML otherwise; read as strictly as the API reads it. */
    private PolicyDocument parse(String text) {
        if (text.isBlank()) {
            throw new ProblemException.InvalidInput("document", "is empty: paste a policy document (JSON or YAML)");
        }
        if (text.length() > MAX_DOCUMENT) {
            throw new ProblemException.InvalidInput("document", "is longer than " + MAX_DOCUMENT + " characters");
        }
        boolean isJson = text.stripLeading().startsWith("{");
        PolicyDocument document;
        try {
            document = isJson
                    ? json.readValue(text, PolicyDocument.class)
                    : codec.readYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw unreadable(e, isJson ? "JSON" : "YAML");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (document == null) {
            throw new ProblemException.InvalidInput("document", "is empty: paste a policy document (JSON or YAML)");
        }
        return ui.valid(document);
    }

    private static ProblemException unreadable(JsonProcessingException e, String format) {
        StringBuilder message = new StringBuilder("is not a valid policy document in " + format);
        if (e.getLocation() != null) {
            message.append(" (line ")
                    .append(e.getLocation().getLineNr())
                    .append(", column ")
                    .append(e.getLocation().getColumnNr())
                    .append(')');
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            message.append(" at ")
                    .append(mapping.getPath().stream()
                            .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                            .collect(Collectors.joining())
                            .replaceFirst("^\\.", ""));
        }
        message.append(": ").append(e.getOriginalMessage());
        return new ProblemException.InvalidInput("document", message.toString());
    }

    private byte[] write(Object value, boolean yaml) {
        try {
            return yaml ? codec.writeYaml(value) : codec.writeJson(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String compact(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String kindName(PolicyChange.Kind kind) {
        return switch (kind) {
            case SETTINGS -> "settings";
            case GROUP -> "group";
            case SERVICE -> "service";
            case RULE -> "rule";
            case BLOCKLIST -> "blocklist";
            case ALLOWLIST -> "allowlist";
            case TENANT_RESTRICTION -> "tenant restriction";
            case DATA_PROTECTION -> "data protection";
            case GUIDELINES -> "guidelines";
        };
    }
}
