package dev.promptgate.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Names the operations that several resources inherit from one parameterized resource class (the URL lists'
 * {@code UrlListResource}, the tokens' {@code TokenResource}) after the resource that serves them.
 *
 * <ul>
 *   <li>The operationId gets the resource's noun, the last plain segment of its path before the first template,
 *       after its leading verb: {@code createEntry} on {@code /api/v1/blocklist} becomes
 *       {@code createBlocklistEntry}, {@code revoke} on {@code /api/v1/api-tokens/{id}/revoke} becomes
 *       {@code revokeApiToken}. The noun stays plural only for a GET of the collection ({@code listApiTokens}).
 *   <li>In the summary, {@code {nouns}} and {@code {noun}} become the resource's tag in the plural and singular
 *       ("API tokens", "API token"; "blocklist").
 * </ul>
 *
 * Operations with unique ids are left as they are.
 */
final class SharedOperationNames {

    private static final String PREFIX = "/api/v1/";

    private SharedOperationNames() {}

    private record Located(String path, PathItem.HttpMethod method, Operation operation) {}

    static void apply(OpenAPI openAPI) {
        Map<String, List<Located>> byId = new HashMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> {
                    if (operation.getOperationId() != null) {
                        byId.computeIfAbsent(operation.getOperationId(), id -> new ArrayList<>())
                                .add(new Located(path, method, operation));
                    }
                }));
        byId.values().stream()
                .filter(shared -> shared.size() > 1)
                .forEach(shared -> shared.forEach(SharedOperationNames::name));
    }

    private static void name(Located located) {
        Operation operation = located.operation();
        if (!located.path().startsWith(PREFIX)) {
            return;
        }
        String resource = resourceOf(located.path().substring(PREFIX.length()));
        boolean collectionRead =
                located.method() == PathItem.HttpMethod.GET && !located.path().contains("{");
        String noun = camel(collectionRead ? resource : singular(resource));
        String id = operation.getOperationId();
        int verbEnd = 0;
        while (verbEnd < id.length() && Character.isLowerCase(id.charAt(verbEnd))) {
            verbEnd++;
        }
        operation.setOperationId(id.substring(0, verbEnd) + noun + id.substring(verbEnd));

        List<String> tags = operation.getTags();
        if (operation.getSummary() != null && tags != null && tags.size() == 1) {
            String plural = inSentence(tags.get(0));
            operation.setSummary(
                    operation.getSummary().replace("{nouns}", plural).replace("{noun}", singular(plural)));
        }
    }

    /** The last plain segment before the first template: "api-tokens" of "api-tokens/{id}/revoke". */
    private static String resourceOf(String path) {
        String resource = "";
        for (String segment : path.split("/")) {
            if (segment.startsWith("{")) {
                break;
            }
            resource = segment;
        }
        return resource;
    }

    private static String singular(String noun) {
        return noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
    }

    /** "enrollment-tokens" as "EnrollmentTokens". */
    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String word : kebab.split("-")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    /** A tag as it reads inside a sentence: "Enrollment tokens" as "enrollment tokens", "API tokens" as it is. */
    private static String inSentence(String tag) {
        boolean acronym = tag.length() > 1 && Character.isUpperCase(tag.charAt(1));
        return acronym ? tag : tag.substring(0, 1).toLowerCase(Locale.ROOT) + tag.substring(1);
    }
}
