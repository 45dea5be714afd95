package dev.promptgate.console;

import dev.promptgate.policy.filter.UrlFilter;
import dev.promptgate.policy.urllist.UrlListEntry;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which list entry decides a URL, and why, the way Chromium decides between URLBlocklist and URLAllowlist: the most
 * specific matching filter wins, an allowlist entry wins a tie, and the plain "*" ranks below every other filter.
 */
public record UrlVerdict(String outcome, Match decidedBy, String why, List<Match> matches) {

    /** An entry that matches the URL. */
    public record Match(long id, String list, String pattern, String action, String reason, String scope) {}

    public static UrlVerdict of(URI url, List<UrlListEntry> inEffect) {
        List<UrlListEntry> matching = inEffect.stream()
                .filter(e -> UrlFilter.parse(e.pattern).matches(url, e.list == UrlListEntry.Kind.ALLOWLIST))
                .toList();
        List<Match> matches = matching.stream().map(UrlVerdict::match).toList();
        Optional<UrlListEntry> block = mostSpecific(matching, UrlListEntry.Kind.BLOCKLIST);
        Optional<UrlListEntry> allow = mostSpecific(matching, UrlListEntry.Kind.ALLOWLIST);
        if (block.isEmpty()) {
            return allow.isEmpty()
                    ? new UrlVerdict("not listed", null, "No block or allow list entry matches this URL.", matches)
                    : new UrlVerdict(
                            "allowed",
                            match(allow.get()),
                            "Only an allowlist entry matches; nothing blocks it.",
                            matches);
        }
        UrlFilter blocking = UrlFilter.parse(block.get().pattern);
        if (allow.isPresent()) {
            UrlFilter allowing = UrlFilter.parse(allow.get().pattern);
            if (blocking.isWildcard() || allowing.compareSpecificity(blocking) >= 0) {
                String why = blocking.isWildcard()
                        ? "The allowlist entry beats the blocklist's \"*\", which ranks below every other filter."
                        : allowing.compareSpecificity(blocking) == 0
                                ? "The allowlist and blocklist entries are equally specific; the allowlist wins a tie."
                                : "The allowlist entry is more specific than the blocklist entry.";
                return new UrlVerdict("allowed", match(allow.get()), why, matches);
            }
        }
        String outcome = block.get().action == UrlListEntry.BlockAction.WARN ? "warned" : "blocked";
        String why = allow.isPresent()
                ? "The blocklist entry is more specific than the allowlist entry that also matches."
                : "The blocklist entry matches and no allowlist entry does.";
        return new UrlVerdict(outcome, match(block.get()), why, matches);
    }

    private static Optional<UrlListEntry> mostSpecific(List<UrlListEntry> entries, UrlListEntry.Kind kind) {
        Comparator<UrlListEntry> bySpecificity = (a, b) -> {
            UrlFilter fa = UrlFilter.parse(a.pattern);
            UrlFilter fb = UrlFilter.parse(b.pattern);
            if (fa.isWildcard() != fb.isWildcard()) {
                return fa.isWildcard() ? -1 : 1;
            }
            return fa.compareSpecificity(fb);
        };
        return entries.stream().filter(e -> e.list == kind).max(bySpecificity);
    }

    private static Match match(UrlListEntry e) {
        return new Match(
                e.id,
                e.list == UrlListEntry.Kind.ALLOWLIST ? "allowlist" : "blocklist",
                e.pattern,
                e.list == UrlListEntry.Kind.ALLOWLIST ? "ALLOW" : String.valueOf(e.action),
                e.reason,
                e.group == null ? "organization" : "group " + e.group.name);
    }
}
