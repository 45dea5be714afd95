package dev.promptgate.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose path or query carries, once decoded, a control character or an unpaired surrogate
 * ({@code /api/v1/services/a%00b}), with a 400 naming the parameter: no key, id or filter of the API has one, and
 * PostgreSQL refuses a NUL in a query parameter with an error that would otherwise be a 500. Bodies are held to the
 * same rule by {@link StrictJson}.
 */
public class ParameterText {

    private static final String MESSAGE =
            "must not contain control characters (other than tab and line breaks) or unpaired surrogates";

    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public Response refuseUnsafeText(ContainerRequestContext request) {
        if (!StrictJson.isSafe(request.getUriInfo().getPath(true))
                || hasControl(request.getUriInfo().getPath(true))) {
            return ProblemMapper.respond(new ProblemException.InvalidInput("path", MESSAGE).problem());
        }
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (!StrictJson.isSafe(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(value -> !StrictJson.isSafe(value))) {
                String name = StrictJson.isSafe(parameter.getKey()) ? parameter.getKey() : "query";
                return ProblemMapper.respond(new ProblemException.InvalidInput(name, MESSAGE).problem());
            }
        }
        return null;
    }

    /** A path has no line breaks or tabs either. */
    private static boolean hasControl(String path) {
        return path.indexOf('\t') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0;
    }
}
