package dev.promptgate.console;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed-in console user; see V14__console_sessions.sql. */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_hash", nullable = false, unique = true)
    public String sessionHash;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String role;

    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    /** The API or bootstrap token the session was opened with; null for single sign-on. */
    @Column(name = "api_token_id")
    public Long apiTokenId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
