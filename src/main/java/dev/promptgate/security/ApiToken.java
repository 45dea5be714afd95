package dev.promptgate.security;

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
import java.time.Instant;
import java.util.Optional;

/** A bearer token Promptgate issued itself. Only a hash of the secret is stored. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    public enum Kind {
        /** For automation, with the admin or viewer role. */
        API,
        /** The first admin's way in before an identity provider is configured. */
        BOOTSTRAP,
        /** Distributed to managed browsers: reads the policy and posts events. */
        ENROLLMENT,
        /** Held by the identity provider's SCIM client: provisions people and groups in the directory. */
        SCIM
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String prefix;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(nullable = false)
    public String role;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Version
    public long version;

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public static Optional<ApiToken> findBySecret(String secret) {
        return find("tokenHash", TokenSecrets.hash(secret)).firstResultOptional();
    }
}
