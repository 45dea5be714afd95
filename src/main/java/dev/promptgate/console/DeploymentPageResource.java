package dev.promptgate.console;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.deploy.Browser;
import dev.promptgate.deploy.DeploymentDocument;
import dev.promptgate.deploy.DeploymentService;
import dev.promptgate.deploy.PolicyFormat;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The Chrome, Edge and Firefox enterprise policies that install and configure the extension, to copy or download:
 * the same documents as {@code /api/v1/deploy/{browser}}. The enrollment token is filled in only on request (a
 * post, never a URL), and such a page is not cached.
 */
@Path("/console/deployment")
public class DeploymentPageResource {

    private final ConsoleUi ui;
    private final Template page;
    private final DeploymentService deployments;

    DeploymentPageResource(
            ConsoleUi ui, @Location("console/deployment.html") Template page, DeploymentService deployments) {
        this.ui = ui;
        this.page = page;
        this.deployments = deployments;
    }

    /** A browser and its document formats, for the choice on the page. */
    public record Choice(String browser, String name, List<String> formats) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response showDeployment(
            @QueryParam("browser") String browser, @QueryParam("format") String format, @Context UriInfo uri) {
        return render(browser, format, null, uri);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response fillInEnrollmentToken(
            @RestForm String browser,
            @RestForm String format,
            @RestForm String enrollmentToken,
            @RestForm String csrf,
            @Context UriInfo uri) {
        ui.checkForm(csrf);
        return render(
                browser,
                format,
                enrollmentToken == null || enrollmentToken.isBlank() ? null : enrollmentToken.strip(),
                uri);
    }

    @GET
    @Path("download")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public Response downloadDeployment(
            @QueryParam("browser") String browser, @QueryParam("format") String format, @Context UriInfo uri) {
        DeploymentDocument document = document(browser, format, null, uri);
        return Response.ok(document.content(), document.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + document.fileName())
                .build();
    }

    private Response render(String browser, String format, String token, UriInfo uri) {
        String chosen = browser == null ? Browser.CHROME.pathName() : browser;
        var view = ui.page(page, "deployment")
                .data("browser", chosen)
                .data("format", format)
                .data("filled", token != null)
                .data(
                        "choices",
                        Arrays.stream(Browser.values())
                                .map(b -> new Choice(
                                        b.pathName(),
                                        b.displayName(),
                                        b.formats().stream()
                                                .map(PolicyFormat::parameter)
                                                .toList()))
                                .toList());
        try {
            DeploymentDocument document = document(chosen, format, token, uri);
            return Response.ok(view.data("document", document))
                    .type(MediaType.TEXT_HTML)
                    .build();
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .type(MediaType.TEXT_HTML)
                    .entity(view.data("document", null).data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    private DeploymentDocument document(String browser, String format, String token, UriInfo uri) {
        return deployments.generatePolicy(
                browser == null ? Browser.CHROME.pathName() : browser,
                format == null || format.isBlank() ? null : format,
                null,
                null,
                token,
                new DeploymentService.IdentityChoice(null, null),
                null,
                uri.getBaseUri());
    }
}
