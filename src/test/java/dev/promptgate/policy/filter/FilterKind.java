package dev.promptgate.policy.filter;

/** What happens to a URL when the filter of an entry is the one that decides. */
public enum FilterKind {
    /** A URLAllowlist entry: an exception to the blocklist. */
    ALLOW(2),
    /** A blocklist entry that stops the user. */
    BLOCK(1),
    /** A blocklist entry that lets the user continue after a warning. */
    WARN(0);

    // Breaks exact specificity ties: the allowlist wins as in Chromium, and the stricter blocklist action wins over
    // the softer one so that adding a WARN entry can never weaken an equally specific BLOCK entry.
    private final int tieRank;

    FilterKind(int tieRank) {
        this.tieRank = tieRank;
    }

    boolean winsTieOver(FilterKind other) {
        return tieRank > other.tieRank;
    }
}
