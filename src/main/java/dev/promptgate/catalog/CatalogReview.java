package dev.promptgate.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * What in the catalog needs a look: facts last reviewed before {@code reviewedBefore}, and enabled or disabled
 * services with facts that are not backed by the vendor's own page.
 */
public record CatalogReview(
        int maxAgeDays, LocalDate reviewedBefore, List<StaleFact> staleFacts, List<Unverified> unverified) {

    /** A fact whose review date is older than the cut-off, or that has no source at all (reviewedOn null). */
    public record StaleFact(String serviceKey, String serviceName, String fact, LocalDate reviewedOn, String url) {}

    /** A service with facts that are unverified, each with what the catalog says was found. */
    public record Unverified(String serviceKey, String serviceName, boolean builtIn, List<UnverifiedFact> facts) {}

    public record UnverifiedFact(String fact, String note, LocalDate reviewedOn) {}
}
