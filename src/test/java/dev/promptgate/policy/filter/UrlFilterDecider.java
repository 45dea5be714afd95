package dev.promptgate.policy.filter;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which entry of a blocklist plus allowlist applies to a URL, the way Chromium's URLBlocklist does
 * (components/policy/core/browser/url_blocklist_manager.cc): the most specific matching filter wins, see
 * {@link UrlFilter#compareSpecificity}. On an exact tie the allowlist wins, then BLOCK over WARN, then the entry that
 * comes first. Immutable and thread-safe if the payloads are.
 *
 * @param <T> what the caller wants back with the winning entry, such as the rule it came from
 */
public final class UrlFilterDecider<T> {

    /** One filter with what it does and the caller's payload. */
    public record Entry<T>(UrlFilter filter, FilterKind kind, T payload) {

        public Entry {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(kind, "kind");
        }

        /** @throws InvalidUrlFilterException if the pattern cannot be used */
        public static <T> Entry<T> of(String pattern, FilterKind kind, T payload) {
            return new Entry<>(UrlFilter.parse(pattern), kind, payload);
        }
    }

    /** The entry whose filter decided. */
    public record Decision<T>(FilterKind kind, UrlFilter filter, T payload) {}

    // Chromium never lets the bare "*" blocklist entry block these, so that the browser's own pages (and this
    // product's extension pages) keep working under "block everything"; a more specific filter still can.
    private static final Set<String> WILDCARD_EXEMPT_SCHEMES =
            Set.of("chrome-extension", "chrome-native", "chrome-search");

    private final List<Entry<T>> entries;

    public UrlFilterDecider(Collection<Entry<T>> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry<T>> entries() {
        return entries;
    }

    /** The entry that applies to the URL, or empty when no filter matches (the URL is neither blocked nor allowed). */
    public Optional<Decision<T>> decide(URI url) {
        UrlTarget target = UrlTarget.of(url);
        if (target == null) {
            return Optional.empty();
        }
        Entry<T> best = null;
        for (Entry<T> entry : entries) {
            if (entry.filter().matches(target, entry.kind() == FilterKind.ALLOW)
                    && (best == null || takesPrecedence(entry, best))) {
                best = entry;
            }
        }
        if (best == null || (isWildcardBlock(best) && WILDCARD_EXEMPT_SCHEMES.contains(target.scheme()))) {
            return Optional.empty();
        }
        return Optional.of(new Decision<>(best.kind(), best.filter(), best.payload()));
    }

    private static boolean takesPrecedence(Entry<?> candidate, Entry<?> current) {
        // The bare "*" on the blocklist ranks below everything else, even below an allowlisted "*".
        boolean candidateIsWildcard = isWildcardBlock(candidate);
        if (candidateIsWildcard != isWildcardBlock(current)) {
            return !candidateIsWildcard;
        }
        int specificity = candidate.filter().compareSpecificity(current.filter());
        return specificity != 0 ? specificity > 0 : candidate.kind().winsTieOver(current.kind());
    }

    private static boolean isWildcardBlock(Entry<?> entry) {
        return entry.kind() != FilterKind.ALLOW && entry.filter().isWildcard();
    }
}
