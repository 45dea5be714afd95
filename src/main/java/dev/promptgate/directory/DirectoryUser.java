package dev.promptgate.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A person the identity provider provisioned. Pseudonymous unless identified mode is on: the user name and e-mail
 * are kept as the HMAC pseudonyms the events use, their clear values only in identified mode.
 */
@Entity
@Table(name = "directory_user")
public class DirectoryUser extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "user_name_hash", nullable = false, unique = true)
    public String userNameHash;

    @Column(name = "email_hash")
    public String emailHash;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    static Optional<DirectoryUser> byUserNameHash(String hash) {
        return find("userNameHash", hash).firstResultOptional();
    }
}
