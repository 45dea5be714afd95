package dev.promptgate.policy.tenant;

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
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One service's tenant restriction for the organization (no group: it holds the allowed ids) or a group's override
 * (on or off, with the organization's ids).
 */
@Entity
@Table(name = "tenant_restriction")
public class TenantRestriction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "service_key", nullable = false)
    public String serviceKey;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public PolicyGroup group;

    @Column(nullable = false)
    public boolean enabled;

    /** The ids the header allows, each checked against the vendor's format; empty on a group's override. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_ids", nullable = false)
    public List<String> allowedIds = new ArrayList<>();

    @Version
    public long version;
}
