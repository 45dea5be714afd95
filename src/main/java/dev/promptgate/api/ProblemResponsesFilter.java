package dev.promptgate.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the problem-detail responses that follow from the house rules rather than from each method:
 * every secured API operation may answer 401 and 403; one with input may answer 400; one addressing a resource, 404;
 * a write, 409 and 413; one taking If-Match, 412 and 428. It also names operations shared by several resources after
 * each resource ({@link SharedOperationNames}).
 *
 * <p>It runs when the application is built, so that the finished document is part of the build and the server
 * does not rebuild it on every start.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        SharedOperationNames.apply(openAPI);
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean write = method != PathItem.HttpMethod.GET;
        boolean hasBody = operation.getRequestBody() != null;
        boolean takesIfMatch = parameters.stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        boolean secured =
                operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            add(operation, "401", "No valid bearer token");
            add(operation, "403", "The caller's role may not do this");
        }
        if (hasBody || !parameters.isEmpty()) {
            add(operation, "400", "Invalid input; `errors` lists each offending field");
        }
        if (path.contains("{")) {
            add(operation, "404", "No such resource");
        }
        if (write) {
            add(operation, "409", "Conflicts with the current state");
        }
        if (hasBody) {
            add(operation, "413", "The body is larger than 1 MiB");
        }
        if (takesIfMatch) {
            add(operation, "412", "The If-Match ETag is stale: somebody changed the resource meanwhile");
            add(operation, "428", "If-Match is required");
        }
    }

    private static void add(Operation operation, String status, String description) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null) {
            if (existing.getContent() == null) {
                // Quarkus adds 401 and 403 without a body; the server answers them with a problem detail.
                existing.content(problemContent());
            }
            return;
        }
        operation
                .getResponses()
                .addAPIResponse(
                        status,
                        OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", text, "message", text));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail")
                .properties(Map.of(
                        "type", text,
                        "title", text,
                        "status",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.INTEGER)
                                        .format("int32"),
                        "detail", text,
                        "errors",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.ARRAY)
                                        .items(fieldError)));
    }
}
