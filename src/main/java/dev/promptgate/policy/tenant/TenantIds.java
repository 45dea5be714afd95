package dev.promptgate.policy.tenant;

import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.TenantMechanism;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the ids of a tenant restriction against the vendor's header before anything stores them, so that nothing
 * else (no line break, no extra id) can reach a request header. The API and policy as code use the same check.
 */
public final class TenantIds {

    private TenantIds() {}

    /**
     * What is wrong with these ids for the vendor's header, field by field ({@code allowedIds[i]}): line breaks
     * and commas (header injection), the vendor's format, duplicates, and more ids than the vendor takes.
     */
    public static List<Problem.FieldError> problemsWith(TenantMechanism mechanism, List<String> ids, String field) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            errors.add(new Problem.FieldError(field, "must name at least one " + mechanism.idName()));
            return errors;
        }
        if (ids.size() > mechanism.maxIds()) {
            errors.add(new Problem.FieldError(
                    field,
                    mechanism.maxIds() == 1
                            ? mechanism.header() + " takes exactly one " + mechanism.idName()
                            : mechanism.header() + " takes at most " + mechanism.maxIds() + " ids"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = field + "[" + i + "]";
            if (id == null || id.isEmpty()) {
                errors.add(new Problem.FieldError(at, "must not be empty"));
            } else if (id.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.add(new Problem.FieldError(at, "must not contain line breaks"));
            } else if (id.contains(",")) {
                errors.add(new Problem.FieldError(
                        at, "must be one " + mechanism.idName() + " without commas; give each id as its own entry"));
            } else if (!mechanism.idFormat().accepts(id)) {
                errors.add(new Problem.FieldError(
                        at, "must be " + mechanism.idFormat().description()));
            } else if (!seen.add(id.toLowerCase(Locale.ROOT))) {
                errors.add(new Problem.FieldError(at, "is listed twice"));
            }
        }
        return errors;
    }

    /** The ids of an API request ({@code allowedIds}), or an {@link ProblemException.InvalidInput} naming each problem. */
    static List<String> requireValid(TenantMechanism mechanism, List<String> ids) {
        List<Problem.FieldError> errors = problemsWith(mechanism, ids, "allowedIds");
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
        return ids;
    }
}
