package dev.promptgate.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What describes an AI service, as the built-in catalog file, the admin API and policy-as-code write it. The
 * key is not part of it: it names the service in the path or the document. {@code enabled} is the admin's
 * switch, not a catalog fact: null leaves it as it is (a new service starts enabled).
 */
public record ServiceDefinition(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String vendor,
        @NotNull AiService.Category category,
        @NotNull AiService.Risk risk,
        @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 1024) String> hosts,
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 500) String> inputSelectors,
        @NotNull @Valid DataPolicy dataPolicy,
        Boolean enabled) {

    public record DataPolicy(
            @NotNull Boolean trainsOnInputsByDefault,
            @Size(max = 2000) String retention,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 500) String> historySteps,
            @Size(max = 2000) @Pattern(regexp = "https://.*", message = "must be an https:// URL") String settingsUrl,
            @Size(max = 1000) String ephemeralMode,
            @Size(max = 1000) String businessOffering,
            LocalDate reviewedOn,
            @Size(max = 20) Map<@NotBlank String, @NotNull @Valid FactSource> sources) {

        /** A data policy without recorded sources. */
        public DataPolicy(
                Boolean trainsOnInputsByDefault,
                String retention,
                List<String> historySteps,
                String settingsUrl,
                String ephemeralMode,
                String businessOffering,
                LocalDate reviewedOn) {
            this(
                    trainsOnInputsByDefault,
                    retention,
                    historySteps,
                    settingsUrl,
                    ephemeralMode,
                    businessOffering,
                    reviewedOn,
                    Map.of());
        }
    }

    /**
     * Each field an admin can customize on a built-in entry, by the name recorded in customizedFields: how to
     * read it from a definition and how to write it onto the entity.
     */
    static final List<Field> FIELDS = List.of(
            new Field("name", ServiceDefinition::name, (s, d) -> s.name = d.name()),
            new Field("vendor", ServiceDefinition::vendor, (s, d) -> s.vendor = d.vendor()),
            new Field("category", ServiceDefinition::category, (s, d) -> s.category = d.category()),
            new Field("risk", ServiceDefinition::risk, (s, d) -> s.risk = d.risk()),
            new Field("hosts", ServiceDefinition::hosts, (s, d) -> s.hosts = new ArrayList<>(d.hosts())),
            new Field(
                    "inputSelectors",
                    ServiceDefinition::inputSelectors,
                    (s, d) -> s.inputSelectors = new ArrayList<>(d.inputSelectors())),
            new Field(
                    "dataPolicy.trainsOnInputsByDefault",
                    d -> d.dataPolicy().trainsOnInputsByDefault(),
                    (s, d) -> s.trainsOnInputsByDefault = d.dataPolicy().trainsOnInputsByDefault()),
            new Field(
                    "dataPolicy.retention",
                    d -> d.dataPolicy().retention(),
                    (s, d) -> s.retention = d.dataPolicy().retention()),
            new Field(
                    "dataPolicy.historySteps",
                    d -> d.dataPolicy().historySteps(),
                    (s, d) -> s.historySteps = new ArrayList<>(d.dataPolicy().historySteps())),
            new Field(
                    "dataPolicy.settingsUrl",
                    d -> d.dataPolicy().settingsUrl(),
                    (s, d) -> s.settingsUrl = d.dataPolicy().settingsUrl()),
            new Field(
                    "dataPolicy.ephemeralMode",
                    d -> d.dataPolicy().ephemeralMode(),
                    (s, d) -> s.ephemeralMode = d.dataPolicy().ephemeralMode()),
            new Field(
                    "dataPolicy.businessOffering",
                    d -> d.dataPolicy().businessOffering(),
                    (s, d) -> s.businessOffering = d.dataPolicy().businessOffering()),
            new Field(
                    "dataPolicy.reviewedOn",
                    d -> d.dataPolicy().reviewedOn(),
                    (s, d) -> s.reviewedOn = d.dataPolicy().reviewedOn()),
            new Field(
                    "dataPolicy.sources",
                    d -> d.dataPolicy().sources(),
                    (s, d) -> s.factSources = d.dataPolicy().sources() == null
                            ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(d.dataPolicy().sources())));

    record Field(
            String name, Function<ServiceDefinition, Object> read, BiConsumer<AiService, ServiceDefinition> write) {}

    public static ServiceDefinition of(AiService s) {
        return new ServiceDefinition(
                s.name,
                s.vendor,
                s.category,
                s.risk,
                List.copyOf(s.hosts),
                List.copyOf(s.inputSelectors),
                new DataPolicy(
                        s.trainsOnInputsByDefault,
                        s.retention,
                        List.copyOf(s.historySteps),
                        s.settingsUrl,
                        s.ephemeralMode,
                        s.businessOffering,
                        s.reviewedOn,
                        Collections.unmodifiableSortedMap(new TreeMap<>(s.factSources))),
                s.enabled);
    }

    /** This definition with {@code sources} in place of its own (for a request that left them out). */
    ServiceDefinition withSources(Map<String, FactSource> sources) {
        DataPolicy p = dataPolicy;
        return new ServiceDefinition(
                name,
                vendor,
                category,
                risk,
                hosts,
                inputSelectors,
                new DataPolicy(
                        p.trainsOnInputsByDefault(),
                        p.retention(),
                        p.historySteps(),
                        p.settingsUrl(),
                        p.ephemeralMode(),
                        p.businessOffering(),
                        p.reviewedOn(),
                        sources),
                enabled);
    }

    /** Writes the fields this definition has and {@code skip} does not name onto the entity. */
    public void applyTo(AiService s, Collection<String> skip) {
        for (Field field : FIELDS) {
            if (!skip.contains(field.name())) {
                field.write().accept(s, this);
            }
        }
    }

    /** The names of the fields whose values differ between this definition and {@code other}. */
    List<String> differingFields(ServiceDefinition other) {
        return FIELDS.stream()
                .filter(f -> !Objects.equals(f.read().apply(this), f.read().apply(other)))
                .map(Field::name)
                .toList();
    }
}
