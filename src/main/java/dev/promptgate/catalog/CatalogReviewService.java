package dev.promptgate.catalog;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Keeping the catalog true: which facts are due for review, and what releases changed. Read only. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogReviewService {

    /** The name under which a built-in tenant-restriction mechanism appears in the report. */
    static final String TENANT_RESTRICTION = "tenantRestriction";

    private final CatalogConfig config;
    private final BuiltinCatalog builtin;
    private final Clock clock = Clock.systemUTC();

    CatalogReviewService(CatalogConfig config, BuiltinCatalog builtin) {
        this.config = config;
        this.builtin = builtin;
    }

    /** The review report for facts older than {@code maxAgeDays}, or the configured age when null. */
    public CatalogReview review(Integer maxAgeDays) {
        int days = maxAgeDays != null ? maxAgeDays : config.reviewAfterDays();
        LocalDate cutoff = LocalDate.now(clock).minusDays(days);
        List<CatalogReview.StaleFact> stale = new ArrayList<>();
        List<CatalogReview.Unverified> unverified = new ArrayList<>();
        for (AiService service : AiService.<AiService>listAll(Sort.ascending("key"))) {
            List<CatalogReview.UnverifiedFact> doubtful = new ArrayList<>();
            java.util.Map<String, FactSource> sources = new java.util.LinkedHashMap<>();
            FactSource.FACTS.forEach(fact -> sources.put(fact, service.factSources.get(fact)));
            if (service.builtIn) {
                builtin.tenantMechanism(service.key).ifPresent(m -> sources.put(TENANT_RESTRICTION, m.source()));
            }
            for (var entry : sources.entrySet()) {
                String fact = entry.getKey();
                FactSource source = entry.getValue();
                LocalDate reviewed = source == null ? null : source.reviewedOn();
                if (reviewed == null || reviewed.isBefore(cutoff)) {
                    stale.add(new CatalogReview.StaleFact(
                            service.key, service.name, fact, reviewed, source == null ? null : source.url()));
                }
                if (source == null || !source.checked()) {
                    doubtful.add(new CatalogReview.UnverifiedFact(
                            fact, source == null ? "no source recorded" : source.note(), reviewed));
                }
            }
            if (!doubtful.isEmpty()) {
                unverified.add(new CatalogReview.Unverified(service.key, service.name, service.builtIn, doubtful));
            }
        }
        return new CatalogReview(days, cutoff, stale, unverified);
    }

    /** The built-in services that releases added or changed, newest first. */
    public Page<CatalogChangeView> changes(String serviceKey, PageParams paging) {
        var query = serviceKey == null
                ? CatalogChange.<CatalogChange>findAll(Sort.descending("changedAt", "id"))
                : CatalogChange.<CatalogChange>find("serviceKey", Sort.descending("changedAt", "id"), serviceKey);
        query.page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count()).map(CatalogChangeView::of);
    }
}
