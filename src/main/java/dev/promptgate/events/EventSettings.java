package dev.promptgate.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The event settings admins change at runtime: one row. (The user-hash secret in that row is not mapped.) */
@Entity
@Table(name = "event_settings")
public class EventSettings extends PanacheEntityBase {

    static final short THE_ROW = 1;

    @Id
    public short id = THE_ROW;

    /** Whether events and acknowledgements keep the user identifier next to its pseudonym. */
    @Column(name = "identified_users", nullable = false)
    public boolean identifiedUsers;

    /**
     * Set when an admin switches back to pseudonymous mode: user identifiers of events received before then are
     * still being removed. Cleared when they are all gone.
     */
    @Column(name = "remove_identifiers_before")
    public Instant removeIdentifiersBefore;

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static EventSettings get() {
        return findById(THE_ROW);
    }
}
