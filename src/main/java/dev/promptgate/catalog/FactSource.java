package dev.promptgate.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Where one catalog fact comes from. A verified fact names the vendor's own page; an unverified one says in
 * {@code note} what was found instead (a news article, a copy of a page, nothing). {@code note} may also say that
 * the vendor's pages disagree and which reading the catalog chose.
 */
public record FactSource(
        @Size(max = 2000) @Pattern(regexp = "https://.*", message = "must be an https:// URL") String url,
        @NotNull Boolean verified,
        @Size(max = 1000) String note,
        @NotNull LocalDate reviewedOn) {

    /** The data-policy facts that carry a source, by their name in {@code dataPolicy}. */
    public static final List<String> FACTS = List.of(
            "trainsOnInputsByDefault", "retention", "historySteps", "settingsUrl", "ephemeralMode", "businessOffering");

    public boolean checked() {
        return Boolean.TRUE.equals(verified) && url != null;
    }
}
