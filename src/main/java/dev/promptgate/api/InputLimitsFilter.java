package dev.promptgate.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Makes the document say what the server enforces on every input, so that an outside linter (api-lint/) can hold it
 * to that, and says it in the form OpenAPI means:
 *
 * <ul>
 *   <li>A parameter whose own declaration sets no tighter bound gets the bound the HTTP layer enforces: path and
 *       query values fit in the request line ({@value #MAX_REQUEST_LINE} characters, Quarkus'
 *       {@code quarkus.http.limits.max-initial-line-length}), header values in the headers
 *       ({@value #MAX_HEADERS} bytes, {@code quarkus.http.limits.max-header-size}), an uploaded file in the body limit; a number is what its Java type
 *       parses, and an id is a positive database key.
 *   <li>The roles that may call an operation are listed in {@code x-roles}: the bearer scheme is HTTP, not OAuth 2,
 *       and has no scopes to list them as.
 *   <li>A 429 or 503 answer says when to come back (Retry-After), as {@link ProblemMapper} sends it.
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class InputLimitsFilter implements OASFilter {

    /** Quarkus' default {@code quarkus.http.limits.max-initial-line-length}; a longer request line is refused. */
    static final int MAX_REQUEST_LINE = 4096;

    /** Quarkus' default {@code quarkus.http.limits.max-header-size}; larger headers are refused. */
    static final int MAX_HEADERS = 20 * 1024;

    /** {@code quarkus.http.limits.max-body-size} in application.properties; a larger body is refused with 413. */
    static final int MAX_BODY = 1024 * 1024;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            if (item.getParameters() != null) {
                item.getParameters().forEach(InputLimitsFilter::bound);
            }
            item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(InputLimitsFilter::bound);
                }
                boundRawBody(operation);
                moveRolesOutOfScopes(operation);
                documentRetryAfter(operation);
            });
        });
    }

    /** A body read as bytes (an upload) is bounded by the request body limit. */
    private static void boundRawBody(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        operation.getRequestBody().getContent().getMediaTypes().values().forEach(media -> {
            Schema schema = media.getSchema();
            if (schema != null && has(schema, Schema.SchemaType.STRING) && schema.getMaxLength() == null) {
                schema.setMaxLength(MAX_BODY);
            }
        });
    }

    private static void bound(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || schema.getRef() != null) {
            return;
        }
        int textLimit = parameter.getIn() == Parameter.In.HEADER ? MAX_HEADERS : MAX_REQUEST_LINE;
        if (has(schema, Schema.SchemaType.ARRAY)) {
            if (schema.getMaxItems() == null) {
                // Each value takes at least "name=&" in the request line.
                schema.setMaxItems(textLimit / (parameter.getName().length() + 2));
            }
            schema = schema.getItems();
            if (schema == null) {
                return;
            }
        }
        if (has(schema, Schema.SchemaType.STRING) && schema.getMaxLength() == null && schema.getEnumeration() == null) {
            schema.setMaxLength(textLimit);
        }
        if (has(schema, Schema.SchemaType.INTEGER)) {
            boundInteger(parameter.getName(), schema);
        }
    }

    private static void boundInteger(String name, Schema schema) {
        boolean int64 = !"int32".equals(schema.getFormat());
        if (schema.getFormat() == null) {
            schema.setFormat("int64");
        }
        boolean id = name.equals("id") || name.endsWith("Id");
        boolean size = name.equalsIgnoreCase("Content-Length");
        if (schema.getMinimum() == null) {
            schema.setMinimum(
                    id
                            ? BigDecimal.ONE
                            : size ? BigDecimal.ZERO : BigDecimal.valueOf(int64 ? Long.MIN_VALUE : Integer.MIN_VALUE));
        }
        if (schema.getMaximum() == null) {
            schema.setMaximum(BigDecimal.valueOf(int64 ? Long.MAX_VALUE : Integer.MAX_VALUE));
        }
    }

    private static boolean has(Schema schema, Schema.SchemaType type) {
        return schema.getType() != null && schema.getType().contains(type);
    }

    private static void moveRolesOutOfScopes(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        List<String> roles = new ArrayList<>();
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement plain = OASFactory.createSecurityRequirement();
            for (Map.Entry<String, List<String>> scheme :
                    requirement.getSchemes().entrySet()) {
                scheme.getValue().stream().filter(r -> !roles.contains(r)).forEach(roles::add);
                plain.addScheme(scheme.getKey(), List.of());
            }
            requirements.add(plain);
        }
        operation.setSecurity(requirements);
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", roles);
        }
    }

    private static void documentRetryAfter(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        for (String status : List.of("429", "503")) {
            APIResponse response = operation.getResponses().getAPIResponse(status);
            if (response != null && (response.getHeaders() == null || !hasRetryAfter(response))) {
                response.addHeader(
                        "Retry-After",
                        OASFactory.createHeader()
                                .description("Seconds to wait before trying again")
                                .schema(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.INTEGER)
                                        .format("int32")
                                        .minimum(BigDecimal.ONE)));
            }
        }
    }

    private static boolean hasRetryAfter(APIResponse response) {
        return response.getHeaders().keySet().stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).equals("retry-after"));
    }
}
