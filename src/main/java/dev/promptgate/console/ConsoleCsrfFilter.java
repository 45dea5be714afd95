package dev.promptgate.console;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a console form posted from another origin (including the sign-in form, against login CSRF). The CSRF
 * token of the session is checked by each change itself ({@link ConsoleUi#checkForm}), where the form is read.
 */
public class ConsoleCsrfFilter {

    @ServerRequestFilter(nonBlocking = true)
    public Optional<Response> refuseOtherOrigins(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        String method = context.getMethod();
        if (!path.startsWith(ConsolePaths.ROOT) || "GET".equals(method) || "HEAD".equals(method)) {
            return Optional.empty();
        }
        return sameOrigin(request)
                ? Optional.empty()
                : Optional.of(Response.status(Response.Status.FORBIDDEN)
                        .type("text/plain")
                        .entity("The request came from another site.")
                        .build());
    }

    private static boolean sameOrigin(HttpServerRequest request) {
        // Browsers say where a request comes from: Sec-Fetch-Site (current ones), else Origin, which every browser
        // sends with a form post. A request with neither is not a browser's cross-site form.
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(request.getHeader("Host"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
