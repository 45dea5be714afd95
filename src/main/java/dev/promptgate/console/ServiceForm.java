package dev.promptgate.console;

import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.ServiceDefinition;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A custom service's form as posted: what the service is, its hosts (one a line) and the data-policy facts the
 * console shows. The facts it does not show (history steps, settings page, sources) are the service's own.
 */
public class ServiceForm {

    @RestForm
    public String name;

    @RestForm
    public String vendor;

    @RestForm
    public AiService.Category category;

    @RestForm
    public AiService.Risk risk;

    @RestForm
    public String hosts;

    @RestForm
    public boolean trainsOnInputsByDefault;

    @RestForm
    public String retention;

    @RestForm
    public String businessOffering;

    @RestForm
    public String reviewedOn;

    /** A new custom service: what it is and its hosts; no facts yet. */
    ServiceDefinition newService() {
        return new ServiceDefinition(
                name,
                vendor,
                category,
                risk,
                lines(hosts),
                List.of(),
                new ServiceDefinition.DataPolicy(false, null, List.of(), null, null, null, null),
                true);
    }

    /** The service {@code now} is, with what this form changes. */
    ServiceDefinition applyTo(ServiceDefinition now) {
        ServiceDefinition.DataPolicy facts = now.dataPolicy();
        return new ServiceDefinition(
                name,
                vendor,
                category,
                risk,
                lines(hosts),
                now.inputSelectors(),
                new ServiceDefinition.DataPolicy(
                        trainsOnInputsByDefault,
                        blank(retention),
                        facts.historySteps(),
                        facts.settingsUrl(),
                        facts.ephemeralMode(),
                        blank(businessOffering),
                        date(reviewedOn),
                        facts.sources()),
                null);
    }

    /** What the form shows of a definition, by label: the two sides of a conflict. */
    static Map<String, String> fields(ServiceDefinition d) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Name", d.name());
        fields.put("Vendor", d.vendor());
        fields.put("Category", String.valueOf(d.category()));
        fields.put("Risk", String.valueOf(d.risk()));
        fields.put("Hosts", String.join(" ", d.hosts()));
        fields.put("Trains on inputs by default", String.valueOf(d.dataPolicy().trainsOnInputsByDefault()));
        fields.put("Retention", d.dataPolicy().retention());
        fields.put("Business offering", d.dataPolicy().businessOffering());
        fields.put("Facts reviewed on", String.valueOf(d.dataPolicy().reviewedOn()));
        return fields;
    }

    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : text.lines().map(String::strip).filter(h -> !h.isEmpty()).toList();
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput("reviewedOn", "must be a date (YYYY-MM-DD)");
        }
    }
}
