package dev.promptgate.policy.document;

import dev.promptgate.api.Problem;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Normalizes one URL list of a document (the blocklist or the allowlist) for {@link DocumentNormalizer}: each
 * pattern checked and stripped, each group known, no pattern twice within a group; sorted by pattern, then group.
 * Problems go to the normalizer's list, named by their path in the document.
 */
final class UrlListNormalizer {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final List<Problem.FieldError> errors;
    private final Set<String> groupNames;

    UrlListNormalizer(List<Problem.FieldError> errors, Set<String> groupNames) {
        this.errors = errors;
        this.groupNames = groupNames;
    }

    /**
     * The entries of the list named {@code list}, normalized: {@code normalized} makes an entry again from the
     * original and its stored pattern.
     */
    <T> List<T> normalize(
            String list,
            List<T> entries,
            Function<T, String> pattern,
            Function<T, String> group,
            BiFunction<T, String, T> normalized) {
        List<T> result = new ArrayList<>();
        Map<PolicyChange.Scoped, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            T e = entries.get(i);
            String path = list + "[" + i + "]";
            result.add(normalized.apply(e, checkEntry(path, pattern.apply(e), group.apply(e), seen, i)));
        }
        result.sort(Comparator.comparing(pattern).thenComparing(group, NULLS_FIRST));
        return List.copyOf(result);
    }

    /** A reason as stored: stripped, and none when blank. */
    static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** Checks a list entry's pattern and group, and returns the pattern as it is stored. */
    private String checkEntry(
            String path, String rawPattern, String group, Map<PolicyChange.Scoped, Integer> seen, int i) {
        String pattern = rawPattern.strip();
        try {
            UrlFilter.parse(pattern);
        } catch (InvalidUrlFilterException e) {
            error(path + ".pattern", e.getMessage());
        }
        if (group != null && !groupNames.contains(group)) {
            error(path + ".group", "there is no group '" + group + "' under groups");
        }
        String list = path.substring(0, path.indexOf('['));
        Integer same = seen.putIfAbsent(new PolicyChange.Scoped(group, pattern), i);
        if (same != null) {
            error(
                    path + ".pattern",
                    "'" + pattern + "' is on the " + list + " already, as " + list + "[" + same + "]"
                            + (group == null ? "" : " for group '" + group + "'"));
        }
        return pattern;
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
