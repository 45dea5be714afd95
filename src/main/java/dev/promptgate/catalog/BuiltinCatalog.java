package dev.promptgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.db.AdvisoryLock;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The catalog that ships with this release ({@code catalog/builtin-catalog.json}). On start, entries new to the
 * database are added and entries from an older revision are brought up to date, except for the fields an
 * admin changed.
 */
@ApplicationScoped
public class BuiltinCatalog {

    static final String RESOURCE = "catalog/builtin-catalog.json";
    private static final Logger LOG = Logger.getLogger(BuiltinCatalog.class);

    private final ObjectMapper json;
    private final EntityManager em;
    private final AuditLog audit;
    private final Event<PolicyChanged> policyChanged;
    private int revision;
    private Map<String, ServiceDefinition> definitions;
    private Map<String, TenantMechanism> tenantMechanisms;
    private List<String> otherAiSites;

    BuiltinCatalog(ObjectMapper json, EntityManager em, AuditLog audit, Event<PolicyChanged> policyChanged) {
        this.policyChanged = policyChanged;
        this.json = json;
        this.em = em;
        this.audit = audit;
    }

    @PostConstruct
    void read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            JsonNode file = json.readTree(in);
            revision = file.path("catalogRevision").asInt();
            Map<String, ServiceDefinition> read = new LinkedHashMap<>();
            Map<String, TenantMechanism> mechanisms = new LinkedHashMap<>();
            for (JsonNode entry : file.path("services")) {
                ObjectNode definition = ((ObjectNode) entry).deepCopy();
                String key = definition.remove("key").asText();
                JsonNode mechanism = definition.remove("tenantRestriction");
                if (mechanism != null) {
                    mechanisms.put(key, json.treeToValue(mechanism, TenantMechanism.class));
                }
                read.put(key, json.treeToValue(definition, ServiceDefinition.class));
            }
            definitions = Map.copyOf(read);
            tenantMechanisms = Collections.unmodifiableMap(mechanisms);
            otherAiSites = List.copyOf(json.convertValue(
                    file.path("otherAiSites"),
                    json.getTypeFactory().constructCollectionType(List.class, String.class)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    public int revision() {
        return revision;
    }

    public Optional<ServiceDefinition> definition(String key) {
        return Optional.ofNullable(definitions.get(key));
    }

    public Set<String> keys() {
        return definitions.keySet();
    }

    /** The tenant restriction the vendor of this built-in service documents, if any. */
    public Optional<TenantMechanism> tenantMechanism(String key) {
        return Optional.ofNullable(tenantMechanisms.get(key));
    }

    /** Every documented tenant restriction, by service key, in the catalog file's order. */
    public Map<String, TenantMechanism> tenantMechanisms() {
        return tenantMechanisms;
    }

    /** Known generative-AI sites the catalog has no entry for; the unknown-AI default action applies to them. */
    public List<String> otherAiSites() {
        return otherAiSites;
    }

    @Transactional
    @ActivateRequestContext
    void upgradeOnStart(@Observes StartupEvent start) {
        // One replica at a time: the others then find the work done.
        AdvisoryLock.BUILTIN_CATALOG.holdUntilCommit(em);
        int added = 0;
        int upgraded = 0;
        for (var shipped : definitions.entrySet()) {
            AiService stored = AiService.findById(shipped.getKey());
            if (stored == null) {
                add(shipped.getKey(), shipped.getValue());
                added++;
            } else if (!stored.builtIn) {
                LOG.warnf(
                        "A custom service uses the key '%s' of a built-in one; the built-in entry is not installed",
                        stored.key);
            } else if ((stored.catalogRevision == null || stored.catalogRevision < revision)
                    && upgrade(stored, shipped.getValue())) {
                upgraded++;
            }
        }
        if (added + upgraded > 0) {
            LOG.infof("Built-in catalog revision %d: %d services added, %d updated", revision, added, upgraded);
        }
    }

    private void add(String key, ServiceDefinition definition) {
        AiService service = new AiService();
        service.key = key;
        service.builtIn = true;
        service.enabled = true;
        service.catalogRevision = revision;
        service.createdAt = Instant.now();
        service.updatedAt = service.createdAt;
        definition.applyTo(service, Set.of());
        service.persist();
        AiService.flush();
        recordChange(key, CatalogChange.Kind.ADDED, null, List.of(), List.of());
        audit.record("builtin-add", CatalogService.AUDIT_TYPE, key, null, AiServiceView.of(service));
        policyChanged.fire(new PolicyChanged("built-in catalog"));
    }

    /**
     * Brings an entry up to this release, field by field, except for the fields an admin changed. The source of a
     * fact an admin changed stays with the admin's value. Returns whether anything differed.
     */
    private boolean upgrade(AiService service, ServiceDefinition definition) {
        Integer fromRevision = service.catalogRevision;
        Set<String> customized = Set.copyOf(service.customizedFields);
        List<String> differing = definition.differingFields(ServiceDefinition.of(service));
        List<String> changed =
                differing.stream().filter(f -> !customized.contains(f)).toList();
        List<String> kept = differing.stream().filter(customized::contains).toList();
        AiServiceView before = AiServiceView.of(service);
        Map<String, FactSource> sourcesBefore = new LinkedHashMap<>(service.factSources);
        definition.applyTo(service, customized);
        if (!customized.contains("dataPolicy.sources")) {
            for (String fact : FactSource.FACTS) {
                if (customized.contains("dataPolicy." + fact)) {
                    if (sourcesBefore.containsKey(fact)) {
                        service.factSources.put(fact, sourcesBefore.get(fact));
                    } else {
                        service.factSources.remove(fact);
                    }
                }
            }
        }
        service.catalogRevision = revision;
        if (changed.isEmpty() && kept.isEmpty()) {
            return false;
        }
        service.updatedAt = Instant.now();
        AiService.flush();
        recordChange(service.key, CatalogChange.Kind.UPGRADED, fromRevision, changed, kept);
        audit.record("builtin-upgrade", CatalogService.AUDIT_TYPE, service.key, before, AiServiceView.of(service));
        policyChanged.fire(new PolicyChanged("built-in catalog"));
        return true;
    }

    private void recordChange(
            String key, CatalogChange.Kind kind, Integer fromRevision, List<String> changed, List<String> kept) {
        CatalogChange change = new CatalogChange();
        change.serviceKey = key;
        change.change = kind;
        change.fromRevision = fromRevision;
        change.toRevision = revision;
        change.changedFields = new ArrayList<>(changed);
        change.keptFields = new ArrayList<>(kept);
        change.changedAt = Instant.now();
        change.persist();
    }
}
