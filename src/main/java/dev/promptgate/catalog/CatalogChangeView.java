package dev.promptgate.catalog;

import java.time.Instant;
import java.util.List;

/** A built-in service that a release added or changed, as the changes list shows it. */
public record CatalogChangeView(
        long id,
        String serviceKey,
        CatalogChange.Kind change,
        Integer fromRevision,
        int toRevision,
        List<String> changedFields,
        List<String> keptFields,
        Instant changedAt) {

    static CatalogChangeView of(CatalogChange c) {
        return new CatalogChangeView(
                c.id,
                c.serviceKey,
                c.change,
                c.fromRevision,
                c.toRevision,
                List.copyOf(c.changedFields),
                List.copyOf(c.keptFields),
                c.changedAt);
    }
}
