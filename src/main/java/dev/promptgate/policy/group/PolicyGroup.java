package dev.promptgate.policy.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A set of people, selected by a value of the identity provider's groups claim, whose policy differs from the
 * organization's. When a person is in several, the group with the higher priority decides.
 */
@Entity
@Table(name = "policy_group")
public class PolicyGroup extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    /** The value of the IdP's groups claim that puts a person in this group. */
    @Column(name = "idp_value", nullable = false, unique = true)
    public String idpValue;

    @Column(nullable = false)
    public int priority;

    @Version
    public long version;
}
