package dev.promptgate.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations of the server's OpenAPI document, as much of them as the fuzzer needs. */
public final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** One parameter: where it goes, its name and its schema. */
    public record Param(String in, String name, JsonNode schema) {}

    /** One operation. {@code bodyTypes} is empty when it takes no body. */
    public record Operation(
            String method,
            String path,
            List<Param> params,
            List<String> bodyTypes,
            JsonNode bodySchema,
            List<String> roles) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private final JsonNode root;

    public OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(path.getKey(), path.getValue(), op.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private Operation operation(String path, JsonNode pathItem, String method, JsonNode op) {
        List<Param> params = new ArrayList<>();
        for (JsonNode owner : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : owner) {
                JsonNode param = resolve(p);
                params.add(
                        new Param(param.path("in").asText(), param.path("name").asText(), param.path("schema")));
            }
        }
        List<String> bodyTypes = new ArrayList<>();
        JsonNode bodySchema = null;
        for (Iterator<Map.Entry<String, JsonNode>> content =
                        resolve(op.path("requestBody")).path("content").fields();
                content.hasNext(); ) {
            Map.Entry<String, JsonNode> media = content.next();
            bodyTypes.add(media.getKey());
            bodySchema = bodySchema == null ? media.getValue().path("schema") : bodySchema;
        }
        List<String> roles = new ArrayList<>();
        op.path("x-roles").forEach(role -> roles.add(role.asText()));
        return new Operation(method, path, params, bodyTypes, bodySchema, roles);
    }

    /** The node a {@code $ref} points to, or the node itself. */
    public JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node != null && node.has("$ref") && hops++ < 20) {
            String ref = node.get("$ref").asText();
            node = root.at(ref.substring(1));
        }
        return node;
    }

    /** The schema's type; the first non-null one of a type list, "object" when it has properties. */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }
}
