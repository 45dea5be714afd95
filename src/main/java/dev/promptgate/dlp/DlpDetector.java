package dev.promptgate.dlp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A detector's organization-wide configuration: a built-in one's settings, or a custom keyword list or regex. */
@Entity
@Table(name = "dlp_detector")
public class DlpDetector extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DetectorKind kind;

    /** The shared id of a built-in detector; null for custom ones (their id is {@code kw-N} or {@code re-N}). */
    @Column(name = "builtin_id")
    public String builtinId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public boolean monitor;

    @Column(nullable = false)
    public int threshold = 1;

    @Column(name = "case_sensitive", nullable = false)
    public boolean caseSensitive;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> keywords;

    public String pattern;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "must_match", nullable = false)
    public List<String> mustMatch = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "must_not_match", nullable = false)
    public List<String> mustNotMatch = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "default_action", nullable = false)
    public DlpAction defaultAction = BuiltinDetector.DEFAULT_ACTION;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_actions", nullable = false)
    public Map<String, DlpAction> serviceActions = new TreeMap<>();

    @Column(name = "require_justification", nullable = false)
    public boolean requireJustification;

    @Version
    public long version;

    /** The id browsers, events and the API use. */
    public String publicId() {
        return kind == DetectorKind.BUILTIN ? builtinId : CustomIds.of(kind, id);
    }
}
