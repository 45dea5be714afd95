package dev.promptgate.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Names the operations that several resources inherit from one parameterized resource class (such as the URL lists'
 * {@code UrlListResource}) after the resource that serves them: the tag's name goes after the leading verb of the
 * operationId ({@code createEntry} under "Blocklist" becomes {@code createBlocklistEntry}), and "the list" in the
 * summary becomes "the blocklist". Operations with unique ids are left as they are.
 */
final class SharedOperationNames {

    private SharedOperationNames() {}

    static void apply(OpenAPI openAPI) {
        Map<String, List<Operation>> byId = new HashMap<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations()
                .values()
                .forEach(operation -> {
                    if (operation.getOperationId() != null) {
                        byId.computeIfAbsent(operation.getOperationId(), id -> new ArrayList<>())
                                .add(operation);
                    }
                }));
        byId.values().stream()
                .filter(shared -> shared.size() > 1)
                .forEach(shared -> shared.forEach(operation -> {
                    List<String> tags = operation.getTags();
                    if (tags == null || tags.size() != 1) {
                        return;
                    }
                    String tag = tags.get(0).replace(" ", "");
                    String id = operation.getOperationId();
                    int verbEnd = 0;
                    while (verbEnd < id.length() && Character.isLowerCase(id.charAt(verbEnd))) {
                        verbEnd++;
                    }
                    operation.setOperationId(id.substring(0, verbEnd) + tag + id.substring(verbEnd));
                    if (operation.getSummary() != null) {
                        operation.setSummary(
                                operation.getSummary().replace("the list", "the " + tag.toLowerCase(Locale.ROOT)));
                    }
                }));
    }
}
