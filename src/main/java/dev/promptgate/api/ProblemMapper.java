package dev.promptgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problem details. Clients never see a class name or a stack
 * trace: unexpected errors get an id that is also in the server log.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response domain(ProblemException e) {
        Response problem = respond(e.problem());
        if (e.retryAfterSeconds() == null) {
            return problem;
        }
        return Response.fromResponse(problem)
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(new ProblemException.InvalidInput(errors).problem());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return respond(Problem.of(
                        "malformed-body", "Malformed request body", 400, "Unknown field '" + e.getPropertyName() + "'")
                .withErrors(List.of(new Problem.FieldError(pathOf(e), "unknown field"))));
    }

    private Response unsafeText(StrictJson.UnsafeText e) {
        String path = pathOf(e);
        String message = "must not contain control characters (other than tab and line breaks) or unpaired surrogates";
        return respond(new ProblemException.InvalidInput(path.isEmpty() ? "body" : path, message).problem());
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        String path = pathOf(e);
        String message = "expected " + simpleTypeName(e.getTargetType());
        return respond(Problem.of(
                        "malformed-body",
                        "Malformed request body",
                        400,
                        path.isEmpty() ? "The body does not have the expected shape" : path + ": " + message)
                .withErrors(path.isEmpty() ? List.of() : List.of(new Problem.FieldError(path, message))));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof StrictJson.UnsafeText unsafe) {
            return unsafeText(unsafe);
        }
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        String format = e.getProcessor() instanceof YAMLParser ? "YAML" : "JSON";
        return respond(Problem.of(
                        "malformed-body", "Malformed request body", 400, "The body is not valid " + format + where)
                .withErrors(path.isEmpty() ? List.of() : List.of(new Problem.FieldError(path, "invalid value"))));
    }

    /**
     * Jackson reads a body in the Unicode encoding its first bytes suggest (UTF-8, -16 or -32) and reports bytes that
     * are not text in it as a plain IOException, not as malformed JSON.
     */
    @ServerExceptionMapper
    public Response notText(CharConversionException e) {
        return respond(Problem.of(
                "malformed-body", "Malformed request body", 400, "The body is not text in a Unicode encoding"));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentUpdate(RuntimeException e) {
        return respond(Problem.of(
                "stale-version",
                "Changed meanwhile",
                412,
                "Somebody else changed this resource at the same time; GET it again and reapply your change"));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        String path = uri.getPath();
        if (path.equals("/console") || path.startsWith("/console/")) {
            // A console page asked for without a session: the console's sign-in page, not a bearer challenge.
            return Response.seeOther(URI.create("/console/sign-in")).build();
        }
        Response problem = respond(Problem.of(
                "unauthenticated",
                "Authentication required",
                401,
                "Send a valid bearer token: an OIDC access token from your identity provider or a Promptgate token"));
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", "Not allowed", 403, "Your role does not allow this operation"));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getResponse().hasEntity()) {
            // An answer of its own protocol's (a SCIM error, RFC 7644 3.12): it stands as it is.
            return e.getResponse();
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch);
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        Response problem = respond(Problem.of(slug, type.getReasonPhrase(), status, detailFor(status)));
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        e.getResponse().getStringHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase(HttpHeaders.ALLOW) || name.equalsIgnoreCase("Retry-After")) {
                builder.header(name, String.join(", ", values));
            }
        });
        return builder.build();
    }

    /**
     * Ahead of every other mapper of {@link Throwable} (SCIMple's generic one would answer with the exception's
     * message, SQL included); more specific mappers still win, since the exception's own type is looked up first.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 1000)
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", id);
        return respond(Problem.of(
                "internal-error", "Internal error", 500, "Something went wrong on the server (error id " + id + ")"));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "No acceptable representation; ask for application/json";
            case 413 -> "The request body is too large";
            case 415 -> "Send the body as application/json";
            default -> "The request was not accepted";
        };
    }

    /**
     * A validation path as a JSON-path-like name of the body field, such as {@code hosts[2]} or
     * {@code rules.groups.Engineering.chatgpt.action}: list indexes in brackets, map keys as names, without the
     * method and parameter names. A violation of the parameter itself is named by the parameter.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (kind == ElementKind.PROPERTY
                    || kind == ElementKind.CONTAINER_ELEMENT
                    || kind == ElementKind.BEAN) {
                if (node.isInIterable()) {
                    field.append(
                            node.getIndex() != null
                                    ? "[" + node.getIndex() + "]"
                                    : node.getKey() != null ? "." + node.getKey() : "[]");
                }
                if (kind == ElementKind.PROPERTY) {
                    field.append('.').append(node.getName());
                }
            }
        }
        String path = field.length() > 0 && field.charAt(0) == '.' ? field.substring(1) : field.toString();
        return path.isEmpty() && parameter != null ? parameter : path;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }
}
