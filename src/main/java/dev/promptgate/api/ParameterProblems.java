package dev.promptgate.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A query parameter JAX-RS could not convert ({@code page=abc}, {@code from=garbage}) is answered 404 by the
 * specification, which tells the caller nothing; here it is a 400 naming the parameter. A path parameter that does
 * not convert still names no resource: 404.
 */
public class ParameterProblems {

    @ServerExceptionMapper
    public Response unconvertible(NotFoundException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause != null && !(cause instanceof WebApplicationException)) {
            Optional<String> parameter = queryParameterIn(cause, uri.getQueryParameters());
            if (parameter.isPresent()) {
                return ProblemMapper.respond(
                        new ProblemException.InvalidInput(parameter.get(), expectation(cause)).problem());
            }
        }
        return new ProblemMapper().http(e);
    }

    /** The query parameter whose value the conversion failure quotes. */
    static Optional<String> queryParameterIn(Throwable failure, MultivaluedMap<String, String> query) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
                for (String value : parameter.getValue()) {
                    if (message.contains("\"" + value + "\"") || message.contains("'" + value + "'")) {
                        return Optional.of(parameter.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String expectation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NumberFormatException) {
                return "must be a whole number in range";
            }
            if (t instanceof DateTimeParseException) {
                return "must be an ISO-8601 instant such as 2026-11-28T12:00:00Z";
            }
        }
        return "has a value of the wrong type";
    }
}
