package dev.promptgate.catalog;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The AI-service catalog: built-in entries kept up to date from the release, and admins' custom ones. */
@ApplicationScoped
@Transactional
public class CatalogService {

    static final String AUDIT_TYPE = "ai-service";

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final BuiltinCatalog builtin;

    CatalogService(AuditLog audit, BuiltinCatalog builtin, Event<PolicyChanged> changed) {
        this.changed = changed;
        this.audit = audit;
        this.builtin = builtin;
    }

    /** Filters of a catalog listing; null means any. */
    public record Filter(AiService.Category category, Boolean enabled, Boolean builtIn, String text) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AiService> list(Filter filter, PageParams paging) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.category() != null) {
            where.add("category = :category");
            params.and("category", filter.category());
        }
        if (filter.enabled() != null) {
            where.add("enabled = :enabled");
            params.and("enabled", filter.enabled());
        }
        if (filter.builtIn() != null) {
            where.add("builtIn = :builtIn");
            params.and("builtIn", filter.builtIn());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.add("(lower(name) like :text or lower(vendor) like :text or key like :text)");
            params.and("text", "%" + filter.text().toLowerCase(Locale.ROOT).strip() + "%");
        }
        var query = AiService.find(String.join(" and ", where), Sort.ascending("name", "key"), params)
                .page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AiService> find(String key) {
        return AiService.findByIdOptional(key);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AiService> listAll() {
        return AiService.listAll(Sort.ascending("key"));
    }

    /** The result of a create-or-replace: the service, and whether it is new. */
    public record Saved(AiService service, boolean created) {}

    /**
     * Creates a custom service, or replaces an existing one's definition (If-Match required). Changes to a
     * built-in entry are remembered field by field, so that catalog upgrades keep them.
     */
    public Saved save(String key, String ifMatch, ServiceDefinition requested) {
        validate(key, requested);
        Optional<AiService> existing = find(key);
        // A request without sources keeps the ones the service has.
        ServiceDefinition definition = requested.dataPolicy().sources() != null
                ? requested
                : requested.withSources(existing.map(s -> s.factSources).orElse(Map.of()));
        if (existing.isEmpty()) {
            AiService service = new AiService();
            service.key = key;
            service.builtIn = false;
            service.createdAt = Instant.now();
            service.updatedAt = service.createdAt;
            service.enabled = definition.enabled() == null || definition.enabled();
            definition.applyTo(service, Set.of());
            service.persist();
            AiService.flush();
            audit.record("create", AUDIT_TYPE, key, null, AiServiceView.of(service));
            changed.fire(new PolicyChanged(AUDIT_TYPE));
            return new Saved(service, true);
        }
        AiService service = existing.get();
        Preconditions.requireMatch(ifMatch, service.version);
        AiServiceView before = AiServiceView.of(service);
        ServiceDefinition current = ServiceDefinition.of(service);
        if (service.builtIn) {
            Set<String> customized = new LinkedHashSet<>(service.customizedFields);
            customized.addAll(definition.differingFields(current));
            service.customizedFields = new ArrayList<>(customized);
        }
        definition.applyTo(service, Set.of());
        if (definition.enabled() != null) {
            service.enabled = definition.enabled();
        }
        service.updatedAt = Instant.now();
        AiService.flush();
        audit.record("update", AUDIT_TYPE, key, before, AiServiceView.of(service));
        changed.fire(new PolicyChanged(AUDIT_TYPE));
        return new Saved(service, false);
    }

    /** Deletes a custom service and its rules. Built-in services can be disabled, not deleted. */
    public void delete(String key, String ifMatch) {
        AiService service = find(key).orElseThrow(() -> notFound(key));
        Preconditions.requireMatch(ifMatch, service.version);
        if (service.builtIn) {
            throw new ProblemException.Conflict(
                    "'" + key + "' is a built-in service: disable it (enabled: false) instead of deleting it");
        }
        AiServiceView before = AiServiceView.of(service);
        service.delete();
        audit.record("delete", AUDIT_TYPE, key, before, null);
        changed.fire(new PolicyChanged(AUDIT_TYPE));
    }

    /** Puts a built-in service back to what the current release says, forgetting the admin's changes. */
    public AiService resetToBuiltin(String key, String ifMatch) {
        AiService service = find(key).orElseThrow(() -> notFound(key));
        Preconditions.requireMatch(ifMatch, service.version);
        ServiceDefinition shipped = builtin.definition(key)
                .orElseThrow(() -> new ProblemException.Conflict("'" + key + "' is not a built-in service"));
        AiServiceView before = AiServiceView.of(service);
        shipped.applyTo(service, Set.of());
        service.customizedFields = new ArrayList<>();
        service.catalogRevision = builtin.revision();
        service.updatedAt = Instant.now();
        AiService.flush();
        audit.record("reset", AUDIT_TYPE, key, before, AiServiceView.of(service));
        changed.fire(new PolicyChanged(AUDIT_TYPE));
        return service;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static ProblemException.NotFound notFound(String key) {
        return new ProblemException.NotFound("No AI service '" + key + "'");
    }

    private static void validate(String key, ServiceDefinition definition) {
        List<Problem.FieldError> errors = problemsWith(key, definition);
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
    }

    /**
     * What is wrong with a service key and definition beyond what bean validation checks: the key's form and
     * the hosts, which must be URLBlocklist filters. Fields are named {@code key} and {@code hosts[i]}.
     */
    public static List<Problem.FieldError> problemsWith(String key, ServiceDefinition definition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            errors.add(new Problem.FieldError(
                    "key", "must be 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit"));
        }
        Map<String, FactSource> sources = definition.dataPolicy().sources();
        if (sources != null) {
            sources.forEach((fact, source) -> {
                String field = "dataPolicy.sources." + fact;
                if (!FactSource.FACTS.contains(fact)) {
                    errors.add(
                            new Problem.FieldError(field, "must name a fact: " + String.join(", ", FactSource.FACTS)));
                } else if (source != null && Boolean.TRUE.equals(source.verified()) && source.url() == null) {
                    errors.add(new Problem.FieldError(field + ".url", "a verified fact needs the URL of its source"));
                } else if (source != null && Boolean.FALSE.equals(source.verified()) && blank(source.note())) {
                    errors.add(new Problem.FieldError(
                            field + ".note", "an unverified fact needs a note of what was found"));
                }
            });
        }
        List<String> hosts = definition.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            try {
                UrlFilter.parse(hosts.get(i));
            } catch (InvalidUrlFilterException e) {
                errors.add(new Problem.FieldError("hosts[" + i + "]", e.getMessage()));
            }
        }
        return errors;
    }
}
