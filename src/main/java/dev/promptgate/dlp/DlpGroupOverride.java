package dev.promptgate.dlp;

import dev.promptgate.policy.group.PolicyGroup;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A group's own settings for one detector; the strongest of a person's groups wins, as for service rules. */
@Entity
@Table(name = "dlp_group_override")
public class DlpGroupOverride extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "detector_id")
    public DlpDetector detector;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "group_id")
    public PolicyGroup group;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public boolean monitor;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_action", nullable = false)
    public DlpAction defaultAction;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_actions", nullable = false)
    public Map<String, DlpAction> serviceActions = new TreeMap<>();

    @Version
    public long version;
}
