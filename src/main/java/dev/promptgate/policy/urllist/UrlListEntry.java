package dev.promptgate.policy.urllist;

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

/** A blocklist or allowlist entry: a URLBlocklist-format pattern, for everybody or for one group. */
@Entity
@Table(name = "url_filter")
public class UrlListEntry extends PanacheEntityBase {

    /** Which list an entry is on. */
    public enum Kind {
        BLOCKLIST,
        ALLOWLIST
    }

    /** What a blocklist entry does; allowlist entries have none. */
    public enum BlockAction {
        BLOCK,
        WARN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind list;

    @Column(nullable = false)
    public String pattern;

    @Enumerated(EnumType.STRING)
    public BlockAction action;

    public String reason;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public PolicyGroup group;

    @Version
    public long version;
}
