package dev.promptgate.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The organization-wide settings: one row. */
@Entity
@Table(name = "org_settings")
public class OrgSettings extends PanacheEntityBase {

    static final short THE_ROW = 1;

    @Id
    public short id = THE_ROW;

    @Column(name = "organization_name", nullable = false)
    public String organizationName;

    /** The action for catalog services no rule mentions. */
    @Enumerated(EnumType.STRING)
    @Column(name = "default_service_action", nullable = false)
    public Action defaultServiceAction;

    /** The action for AI sites that are not in the catalog. */
    @Enumerated(EnumType.STRING)
    @Column(name = "unknown_ai_action", nullable = false)
    public Action unknownAiAction;

    @Column(name = "require_acknowledgement", nullable = false)
    public boolean requireAcknowledgement;

    @Column(name = "acknowledge_every_days", nullable = false)
    public int acknowledgeEveryDays;

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static OrgSettings get() {
        return findById(THE_ROW);
    }
}
