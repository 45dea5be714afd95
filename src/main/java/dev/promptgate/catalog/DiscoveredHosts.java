package dev.promptgate.catalog;

import dev.promptgate.api.ProblemException;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** How AI sites found in use (the shadow-AI report) relate to the catalog, and how they enter it. */
@ApplicationScoped
public class DiscoveredHosts {

    /** What an admin says of a discovered host; every field may be null and is then derived from the host. */
    public record Details(String key, String name, String vendor, AiService.Category category, AiService.Risk risk) {}

    private final CatalogService catalog;

    DiscoveredHosts(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** Whether a host (normalized, lower case) is covered by a catalog service's host patterns, as of now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Predicate<String> coveredNow() {
        List<UrlFilter> filters = new ArrayList<>();
        catalog.listAll().forEach(service -> filters.addAll(filtersOf(service)));
        return host -> covers(filters, host);
    }

    /** Adds a host as a custom service (audited, and announced to browsers, by the catalog). */
    @Transactional
    public AiService add(String host, Details details) {
        Optional<AiService> covering = catalog.listAll().stream()
                .filter(service -> covers(filtersOf(service), host))
                .findFirst();
        if (covering.isPresent()) {
            throw new ProblemException.Conflict(
                    "'" + host + "' is already in the catalog as '" + covering.get().key + "'");
        }
        String key = details.key() != null ? details.key() : keyFor(host);
        if (catalog.find(key).isPresent()) {
            throw new ProblemException.Conflict("A service with the key '" + key + "' exists; choose another key");
        }
        var definition = new ServiceDefinition(
                details.name() != null ? details.name() : host,
                details.vendor() != null ? details.vendor() : domainOf(host),
                details.category() != null ? details.category() : AiService.Category.TEXT,
                details.risk() != null ? details.risk() : AiService.Risk.MEDIUM,
                List.of(host),
                List.of(),
                new ServiceDefinition.DataPolicy(true, null, List.of(), null, null, null, null),
                true);
        return catalog.save(key, null, definition).service();
    }

    static String keyFor(String host) {
        String key =
                host.replaceFirst("^www\\.", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        key = key.length() > 63 ? key.substring(0, 63).replaceAll("-+$", "") : key;
        return key.isEmpty() ? "service" : key;
    }

    static String domainOf(String host) {
        String[] labels = host.split("\\.");
        return labels.length <= 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static List<UrlFilter> filtersOf(AiService service) {
        List<UrlFilter> filters = new ArrayList<>();
        for (String pattern : service.hosts) {
            try {
                filters.add(UrlFilter.parse(pattern));
            } catch (InvalidUrlFilterException e) {
                // A pattern the catalog accepted earlier and no longer parses covers nothing.
            }
        }
        return filters;
    }

    private static boolean covers(List<UrlFilter> filters, String host) {
        URI page = URI.create("https://" + host + "/");
        return filters.stream().anyMatch(filter -> filter.matches(page));
    }
}
