package dev.promptgate.dlp;

import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.CatalogService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies what an admin wrote to a stored detector, refusing what the detector's kind does not have. */
final class DetectorInputs {

    private DetectorInputs() {}

    static void apply(DetectorView.Input input, DlpDetector d, CatalogService catalog) {
        if (d.kind == DetectorKind.BUILTIN) {
            refuseOnBuiltin("name", input.name());
            refuseOnBuiltin("caseSensitive", input.caseSensitive());
            refuseOnBuiltin("keywords", input.keywords());
            refuseOnBuiltin("pattern", input.pattern());
            refuseOnBuiltin("mustMatch", input.mustMatch());
            refuseOnBuiltin("mustNotMatch", input.mustNotMatch());
        } else {
            if (input.name() == null || input.name().isBlank()) {
                throw new ProblemException.InvalidInput("name", "is required");
            }
            d.name = input.name().strip();
            d.caseSensitive = Boolean.TRUE.equals(input.caseSensitive());
            if (d.kind == DetectorKind.KEYWORDS) {
                if (input.pattern() != null) {
                    throw new ProblemException.InvalidInput("pattern", "belongs to regex detectors");
                }
                d.keywords = input.keywords() == null
                        ? List.of()
                        : input.keywords().stream()
                                .map(String::strip)
                                .distinct()
                                .toList();
            } else {
                if (input.keywords() != null) {
                    throw new ProblemException.InvalidInput("keywords", "belong to keyword detectors");
                }
                d.pattern = input.pattern();
            }
            d.mustMatch = input.mustMatch() == null ? new ArrayList<>() : new ArrayList<>(input.mustMatch());
            d.mustNotMatch = input.mustNotMatch() == null ? new ArrayList<>() : new ArrayList<>(input.mustNotMatch());
        }
        d.enabled = input.enabled() == null || input.enabled();
        d.monitor = Boolean.TRUE.equals(input.monitor());
        d.threshold = input.threshold() == null ? 1 : input.threshold();
        d.defaultAction = input.actions().byDefault();
        d.serviceActions = serviceActions(input.actions(), catalog);
        d.requireJustification = Boolean.TRUE.equals(input.requireJustification());
    }

    /** The per-service actions, every key a service of the catalog. */
    static Map<String, DlpAction> serviceActions(DetectorView.Actions actions, CatalogService catalog) {
        Map<String, DlpAction> services = actions.servicesOrEmpty();
        for (String key : services.keySet()) {
            if (catalog.find(key).isEmpty()) {
                throw new ProblemException.InvalidInput("actions.services." + key, "is not a service of the catalog");
            }
        }
        return services;
    }

    private static void refuseOnBuiltin(String field, Object value) {
        if (value != null) {
            throw new ProblemException.InvalidInput(field, "is fixed for a built-in detector");
        }
    }
}
