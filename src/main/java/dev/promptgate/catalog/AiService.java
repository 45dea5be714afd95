package dev.promptgate.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A generative-AI service in the catalog: built in (shipped with Promptgate) or added by an admin. */
@Entity
@Table(name = "ai_service")
public class AiService extends PanacheEntityBase {

    @Id
    public String key;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String vendor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Risk risk;

    /** Where the service lives, as URLBlocklist filters (host, or host with a path). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> hosts = new ArrayList<>();

    /** CSS selectors of the prompt input, so a site's DOM change is a catalog update, not an extension release. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "input_selectors", nullable = false)
    public List<String> inputSelectors = new ArrayList<>();

    @Column(name = "trains_on_inputs_by_default", nullable = false)
    public boolean trainsOnInputsByDefault;

    public String retention;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "history_steps", nullable = false)
    public List<String> historySteps = new ArrayList<>();

    @Column(name = "settings_url")
    public String settingsUrl;

    @Column(name = "ephemeral_mode")
    public String ephemeralMode;

    @Column(name = "business_offering")
    public String businessOffering;

    @Column(name = "reviewed_on")
    public LocalDate reviewedOn;

    /** The source and review date of each data-policy fact, by the fact's name (see {@link FactSource#FACTS}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "fact_sources", nullable = false)
    public Map<String, FactSource> factSources = new LinkedHashMap<>();

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    /** The revision of the built-in catalog last applied to this entry; null for custom services. */
    @Column(name = "catalog_revision")
    public Integer catalogRevision;

    /** Fields of a built-in entry that an admin changed; catalog upgrades leave them alone. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "customized_fields", nullable = false)
    public List<String> customizedFields = new ArrayList<>();

    @Column(nullable = false)
    public boolean enabled = true;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The facts that have no source, or whose source is not the vendor's own page. */
    public List<String> unverifiedFacts() {
        return FactSource.FACTS.stream()
                .filter(fact -> {
                    FactSource source = factSources.get(fact);
                    return source == null || !source.checked();
                })
                .toList();
    }

    public enum Category {
        TEXT,
        IMAGE,
        CODE,
        MULTIMODAL
    }

    public enum Risk {
        LOW,
        MEDIUM,
        HIGH
    }
}
