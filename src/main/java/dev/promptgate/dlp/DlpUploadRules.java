package dev.promptgate.dlp;

import dev.promptgate.policy.group.PolicyGroup;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

/**
 * The upload rules of one scope: the organization's (no group; its default is always set) or a group's, whose
 * default may be absent (the organization's applies) and whose service rules replace those of weaker scopes.
 */
@Entity
@Table(name = "dlp_upload_rule")
public class DlpUploadRules extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public PolicyGroup group;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "default_rule")
    public DlpPolicy.UploadRule defaultRule;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_rules", nullable = false)
    public Map<String, DlpPolicy.UploadRule> serviceRules = new TreeMap<>();

    @Version
    public long version;
}
