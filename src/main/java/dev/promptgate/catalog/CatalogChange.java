package dev.promptgate.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One built-in service that a release's catalog added or changed on start; written only by {@link BuiltinCatalog}. */
@Entity
@Table(name = "catalog_change")
public class CatalogChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "service_key", nullable = false)
    public String serviceKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind change;

    /** The catalog revision the entry had before; null for an added service. */
    @Column(name = "from_revision")
    public Integer fromRevision;

    @Column(name = "to_revision", nullable = false)
    public int toRevision;

    /** Fields the release changed in the entry. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "changed_fields", nullable = false)
    public List<String> changedFields = new ArrayList<>();

    /** Fields where the release says something else but an admin's value was kept. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "kept_fields", nullable = false)
    public List<String> keptFields = new ArrayList<>();

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public enum Kind {
        ADDED,
        UPGRADED
    }
}
