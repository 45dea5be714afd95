package dev.promptgate.console;

import dev.promptgate.api.Roles;
import dev.promptgate.bundle.SigningKeyService;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The keys that sign policy bundles: each key's public JWK, whether it signs now, when it was made and retired and
 * until when browsers still find it; rotation for admins. Only public parts are read: no page can show a private key.
 */
@Path("/console/signing-keys")
@Produces(MediaType.TEXT_HTML)
public class SigningKeysPageResource {

    private static final String PAGE = "/console/signing-keys";
    private static final int HISTORY = 20;

    private final ConsoleUi ui;
    private final Template page;
    private final SigningKeyService keys;

    SigningKeysPageResource(
            ConsoleUi ui, @Location("console/signing-keys.html") Template page, SigningKeyService keys) {
        this.ui = ui;
        this.page = page;
        this.keys = keys;
    }

    /** A key as the page lists it; {@code status} is active, published (retired, still in the JWKS) or retired. */
    public record Row(SigningKeyService.KeyRecord key, String status, String jwk) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showSigningKeys(
            @QueryParam("rotated") boolean rotated, @QueryParam("prepared") boolean prepared) {
        return render().data(
                        "notice",
                        rotated
                                ? "A new signing key was made; it signs every bundle from now on."
                                : prepared
                                        ? "The next key is prepared: it is published and pinned from now on, and the"
                                                + " next rotation activates it."
                                        : null);
    }

    @POST
    @Path("next")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response prepareNextSigningKey(@RestForm String csrf) {
        ui.checkForm(csrf);
        return ConsoleUi.change(keys::prepareNextKey, PAGE + "?prepared=true", this::render, null);
    }

    @POST
    @Path("rotate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response rotateSigningKey(@RestForm String activeKid, @RestForm String csrf) {
        ui.checkForm(csrf);
        return ConsoleUi.change(
                () -> keys.rotate(activeKid),
                PAGE + "?rotated=true",
                this::render,
                page -> page.data(
                        "error",
                        "The signing key was rotated by someone else since you opened this page;"
                                + " nothing was rotated again. The list below is the current one."));
    }

    private TemplateInstance render() {
        Instant now = Instant.now();
        List<Row> rows = keys.history(HISTORY).stream()
                .map(k -> new Row(
                        k,
                        k.next() ? "next" : k.active() ? "active" : k.publishedAt(now) ? "published" : "retired",
                        k.publicJwk().toPrettyString()))
                .toList();
        SigningKeyService.KeyRecord active = rows.stream()
                .map(Row::key)
                .filter(SigningKeyService.KeyRecord::active)
                .findFirst()
                .orElse(null);
        return ui.page(page, "signing-keys")
                .data("rows", rows)
                .data("active", active)
                .data("rotatable", active != null && !active.configured());
    }
}
