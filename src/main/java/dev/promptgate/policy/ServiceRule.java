package dev.promptgate.policy;

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

/** What to do on one AI service's pages, for the whole organization (no group) or for one group. */
@Entity
@Table(name = "service_rule")
public class ServiceRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "service_key", nullable = false)
    public String serviceKey;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public PolicyGroup group;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    public String message;

    /** Whether to remind people how to turn off chat history and model training on this service. */
    @Column(name = "history_reminder", nullable = false)
    public boolean historyReminder;

    @Column(name = "alternative_name")
    public String alternativeName;

    @Column(name = "alternative_url")
    public String alternativeUrl;

    @Version
    public long version;
}
