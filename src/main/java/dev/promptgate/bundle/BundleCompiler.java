package dev.promptgate.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.BuiltinCatalog;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.catalog.FactSource;
import dev.promptgate.change.DistributionState;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.Transactions;
import dev.promptgate.dlp.DlpCompiler;
import dev.promptgate.policy.EffectivePolicy;
import dev.promptgate.policy.PolicyResolver;
import dev.promptgate.policy.SettingsService;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.guideline.GuidelineService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compiles the policy for one set of IdP groups into the bytes browsers get. The bytes depend only on the
 * database's content (issuedAt is the time of the last change, not of compiling), so every replica serves the
 * same bytes and the same ETag for the same policy.
 */
@ApplicationScoped
public class BundleCompiler {

    private final PolicyResolver resolver;
    private final GuidelineService guidelines;
    private final BuiltinCatalog builtin;
    private final CatalogService catalog;
    private final SettingsService settingsService;
    private final DlpCompiler dlp;
    private final SigningKeys keys;
    private final ObjectMapper json;
    private final DistributionState state;
    private final EntityManager em;
    private final int refreshSeconds;

    BundleCompiler(
            PolicyResolver resolver,
            GuidelineService guidelines,
            BuiltinCatalog builtin,
            CatalogService catalog,
            SettingsService settingsService,
            DlpCompiler dlp,
            SigningKeys keys,
            ObjectMapper json,
            DistributionState state,
            EntityManager em,
            PromptgateConfig config) {
        this.resolver = resolver;
        this.guidelines = guidelines;
        this.builtin = builtin;
        this.catalog = catalog;
        this.settingsService = settingsService;
        this.dlp = dlp;
        this.keys = keys;
        this.json = json;
        this.state = state;
        this.em = em;
        this.refreshSeconds = config.bundle().refreshSeconds();
    }

    @Transactional
    public CompiledBundle compile(Set<String> idpGroups) {
        // One consistent view of the policy, even while an admin is changing it.
        Transactions.repeatableRead(em);
        Instant changedAt = state.policyChangedAt();
        EffectivePolicy policy = resolver.resolve(idpGroups);
        SettingsView settings = settingsService.get();
        Map<String, AiService> services =
                catalog.listAll().stream().collect(Collectors.toMap(s -> s.key, Function.identity()));

        PolicyBundle content = new PolicyBundle(
                PolicyBundle.SCHEMA_VERSION,
                null,
                null,
                refreshSeconds,
                new PolicyBundle.Organization(policy.organizationName()),
                policy.groups().stream()
                        .map(EffectivePolicy.MatchedGroup::name)
                        .sorted()
                        .toList(),
                guidelines
                        .current()
                        .map(g -> new PolicyBundle.Guidelines(
                                g.version(),
                                g.title(),
                                g.html(),
                                settings.requireAcknowledgement(),
                                settings.acknowledgeEveryDays()))
                        .orElse(null),
                new PolicyBundle.Defaults(policy.defaultServiceAction(), policy.unknownAiAction()),
                policy.services().stream()
                        .map(s -> service(s, services.get(s.key())))
                        .toList(),
                unknownAiSites(services.values()),
                policy.blocklist().stream()
                        .map(e -> new PolicyBundle.BlockEntry(e.pattern(), e.action(), e.reason()))
                        .distinct()
                        .toList(),
                policy.allowlist().stream()
                        .map(e -> new PolicyBundle.AllowEntry(e.pattern(), e.reason()))
                        .distinct()
                        .toList(),
                policy.tenantRestrictions().stream()
                        .map(r -> new PolicyBundle.TenantRestriction(
                                r.serviceKey(), r.header(), r.value(), r.hosts(), r.resourceTypes(), r.blockedWhenOn()))
                        .toList(),
                dlp.compile(policy.groups().stream()
                        .map(EffectivePolicy.MatchedGroup::id)
                        .toList()));
        String policyVersion = "sha256:" + CompiledBundle.sha256(serialize(content));
        PolicyBundle bundle = new PolicyBundle(
                content.schemaVersion(),
                policyVersion,
                changedAt,
                content.refreshSeconds(),
                content.organization(),
                content.groups(),
                content.guidelines(),
                content.defaults(),
                content.services(),
                content.unknownAiSites(),
                content.blocklist(),
                content.allowlist(),
                content.tenantRestrictions(),
                content.dlp());
        byte[] bytes = serialize(bundle);
        return CompiledBundle.of(bytes, keys.sign(bytes), refreshSeconds);
    }

    private static PolicyBundle.Service service(EffectivePolicy.Service decided, AiService facts) {
        return new PolicyBundle.Service(
                facts.key,
                facts.name,
                List.copyOf(facts.hosts),
                decided.action(),
                decided.message(),
                decided.historyReminder() ? historyReminder(facts) : null,
                facts.ephemeralMode,
                facts.trainsOnInputsByDefault,
                decided.alternative() == null
                        ? null
                        : new PolicyBundle.Alternative(
                                decided.alternative().name(),
                                decided.alternative().url()),
                List.copyOf(facts.inputSelectors),
                facts.unverifiedFacts().isEmpty() ? null : facts.unverifiedFacts());
    }

    /** The steps, with their source only when it is the vendor's own page, so unverified steps never look checked. */
    private static PolicyBundle.HistoryReminder historyReminder(AiService facts) {
        FactSource source = facts.factSources.get("historySteps");
        boolean checked = source != null && source.checked();
        return new PolicyBundle.HistoryReminder(
                List.copyOf(facts.historySteps),
                facts.settingsUrl,
                checked ? source.url() : null,
                source == null ? null : source.reviewedOn().toString());
    }

    /** AI sites outside the active catalog: disabled services and the known AI sites the catalog does not cover. */
    private List<String> unknownAiSites(java.util.Collection<AiService> services) {
        Set<String> sites = new TreeSet<>(builtin.otherAiSites());
        services.stream().filter(s -> !s.enabled).forEach(s -> sites.addAll(s.hosts));
        services.stream().filter(s -> s.enabled).forEach(s -> sites.removeAll(s.hosts));
        return List.copyOf(sites);
    }

    private byte[] serialize(PolicyBundle bundle) {
        try {
            return json.writeValueAsBytes(bundle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A policy bundle could not be written as JSON", e);
        }
    }
}
