package dev.promptgate.console;

import dev.promptgate.api.ProblemException;
import dev.promptgate.events.report.NewCatalogEntry;
import dev.promptgate.events.report.ShadowAiReports;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** "Add to catalog" for a host the shadow-AI report found, as the overview and the report both offer it. */
final class AddToCatalog {

    private AddToCatalog() {}

    /**
     * Adds the host to the catalog and goes back to {@code back} with the notice; refused, the page again with the
     * refusal's status and text.
     */
    static Response add(ShadowAiReports shadowAi, String host, String back, Supplier<TemplateInstance> page) {
        try {
            var service = shadowAi.addToCatalog(host, new NewCatalogEntry(null, null, null, null, null));
            return ConsoleUi.seeOther(back + "?added=" + URLEncoder.encode(service.key, StandardCharsets.UTF_8));
        } catch (ProblemException e) {
            return Response.status(ConsoleUi.status(e))
                    .entity(page.get().data("error", ConsoleUi.describe(e)))
                    .build();
        }
    }

    /** The notice after a host was added, or null when none was. */
    static String notice(String added) {
        return added == null ? null : "Added " + added + " to the catalog. Set its action under Services.";
    }
}
