package dev.promptgate.directory;

import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.DirectoryChanged;
import dev.promptgate.events.EventSettingsService;
import dev.promptgate.events.UserPseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.directory.scim.core.repository.PatchHandler;
import org.apache.directory.scim.core.repository.Repository;
import org.apache.directory.scim.spec.exception.ConflictResourceException;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.extension.EnterpriseExtension;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterResponse;
import org.apache.directory.scim.spec.filter.PageRequest;
import org.apache.directory.scim.spec.filter.SortRequest;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.Email;
import org.apache.directory.scim.spec.resources.ScimExtension;
import org.apache.directory.scim.spec.resources.ScimUser;
import org.apache.directory.scim.spec.schema.Meta;

/**
 * Stores the people SCIMple hands over. Pseudonymous unless identified mode is on (docs/adr/0014): the user name
 * and primary e-mail become the HMAC pseudonyms events use; the clear values are kept only in identified mode. So a
 * person read back by id shows the pseudonym as userName, while {@code filter=userName eq "…"} (how Entra ID and
 * Okta match people) answers with the name it was asked for, which the caller already knows.
 */
@ApplicationScoped
public class ScimUserRepository implements Repository<ScimUser> {

    /** What a pseudonymous person's userName reads as: the pseudonym, marked so nobody takes it for a name. */
    static final String PSEUDONYM_MARK = "pseudonym:";

    private final UserPseudonyms pseudonyms;
    private final EventSettingsService settings;
    private final PatchHandler patches;
    private final AuditLog audit;
    private final Event<DirectoryChanged> changed;

    ScimUserRepository(
            UserPseudonyms pseudonyms,
            EventSettingsService settings,
            PatchHandler patches,
            AuditLog audit,
            Event<DirectoryChanged> changed) {
        this.changed = changed;
        this.pseudonyms = pseudonyms;
        this.settings = settings;
        this.patches = patches;
        this.audit = audit;
    }

    /** What the audit log keeps of a person: no name, no address. */
    record AuditView(UUID id, String externalId, boolean active) {
        static AuditView of(DirectoryUser user) {
            return new AuditView(user.id, user.externalId, user.active);
        }
    }

    @Override
    public Class<ScimUser> getResourceClass() {
        return ScimUser.class;
    }

    @Override
    public List<Class<? extends ScimExtension>> getExtensionList() {
        return List.of(EnterpriseExtension.class);
    }

    @Override
    @Transactional
    public ScimUser create(ScimUser resource) throws ResourceException {
        DirectoryUser user = new DirectoryUser();
        user.id = UUID.randomUUID();
        user.createdAt = Instant.now();
        write(user, resource, null);
        user.persist();
        audit.record("create", "directory-user", user.id, null, AuditView.of(user));
        announce();
        return toScim(user, resource.getUserName());
    }

    @Override
    @Transactional
    public ScimUser update(
            String id,
            String version,
            ScimUser resource,
            Set<AttributeReference> include,
            Set<AttributeReference> exclude)
            throws ResourceException {
        DirectoryUser user = require(id);
        AuditView before = AuditView.of(user);
        // A client that reads a person and puts it back sends the userName we showed, perhaps a pseudonym: keep
        // what is stored rather than take the pseudonym for a new name.
        write(user, resource, toScim(user, null).getUserName());
        DirectoryUser.flush();
        audit.record("update", "directory-user", user.id, before, AuditView.of(user));
        announce();
        return toScim(user, resource.getUserName());
    }

    @Override
    @Transactional
    public ScimUser patch(
            String id,
            String version,
            List<PatchOperation> operations,
            Set<AttributeReference> include,
            Set<AttributeReference> exclude)
            throws ResourceException {
        DirectoryUser user = require(id);
        AuditView before = AuditView.of(user);
        ScimUser current = toScim(user, null);
        // A pseudonymous person's e-mail is not kept; the patch works on a stand-in that it may replace.
        String unchangedEmail = null;
        if (current.getEmails() == null) {
            unchangedEmail = PSEUDONYM_MARK + (user.emailHash == null ? "none" : user.emailHash);
            Email standIn = new Email();
            standIn.setValue(unchangedEmail);
            standIn.setType("work");
            standIn.setPrimary(true);
            current.setEmails(new java.util.ArrayList<>(List.of(standIn)));
        }
        if (current.getName() == null) {
            // Names are not kept; a patch of name.givenName needs a name to patch (and changes nothing stored).
            current.setName(new org.apache.directory.scim.spec.resources.Name());
        }
        ScimUser patched = patches.apply(current, operations);
        // A userName or e-mail the patch left alone is the one we showed, perhaps a pseudonym: keep what is stored.
        String unchangedName = current.getUserName();
        if (unchangedEmail != null && unchangedEmail.equals(primaryEmail(patched))) {
            patched.setEmails(null);
        }
        write(user, patched, unchangedName);
        DirectoryUser.flush();
        audit.record("update", "directory-user", user.id, before, AuditView.of(user));
        announce();
        return toScim(user, unchangedName.equals(patched.getUserName()) ? null : patched.getUserName());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ScimUser get(String id) {
        return find(id).map(user -> toScim(user, null)).orElse(null);
    }

    @Override
    @Transactional
    public void delete(String id) throws ResourceException {
        DirectoryUser user = require(id);
        audit.record("delete", "directory-user", user.id, AuditView.of(user), null);
        announce();
        user.delete();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public FilterResponse<ScimUser> find(Filter filter, PageRequest page, SortRequest sort) throws ResourceException {
        ScimQuery query = ScimQuery.of(filter, Set.of("username", "externalid", "id", "emails.value", "emails"));
        int start = ScimQuery.start(page);
        int count = ScimQuery.count(page);
        if (query == null) {
            var all = DirectoryUser.<DirectoryUser>findAll(io.quarkus.panache.common.Sort.by("createdAt", "id"));
            List<ScimUser> users = all.range(start, ScimQuery.last(page)).list().stream()
                    .limit(count)
                    .map(user -> toScim(user, null))
                    .toList();
            return new FilterResponse<>(users, page, (int) all.count());
        }
        List<ScimUser> matches =
                switch (query.attribute()) {
                    case "username" -> DirectoryUser.byUserNameHash(pseudonyms.pseudonym(query.value())).stream()
                            .map(user -> toScim(user, query.value()))
                            .toList();
                    case "emails.value", "emails" -> DirectoryUser.<DirectoryUser>list(
                                    "emailHash", pseudonyms.pseudonym(query.value()))
                            .stream()
                            .map(user -> toScim(user, null))
                            .toList();
                    case "externalid" -> DirectoryUser.<DirectoryUser>list("externalId", query.value()).stream()
                            .map(user -> toScim(user, null))
                            .toList();
                    default -> find(query.value()).stream()
                            .map(user -> toScim(user, null))
                            .toList();
                };
        List<ScimUser> paged = matches.stream().skip(start).limit(count).toList();
        return new FilterResponse<>(paged, page, matches.size());
    }

    private static Optional<DirectoryUser> find(String id) {
        try {
            return DirectoryUser.findByIdOptional(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DirectoryUser require(String id) throws ResourceException {
        return find(id).orElseThrow(() -> new ResourceException(404, "No user " + id));
    }

    /**
     * Writes a SCIM user's attributes onto the stored person. {@code shownName} is the userName the caller was
     * shown; when the resource still carries it, the stored name is left as it is.
     */
    private void write(DirectoryUser user, ScimUser resource, String shownName) throws ResourceException {
        String userName = resource.getUserName();
        if (userName == null || userName.isBlank()) {
            throw new ResourceException(400, "userName is required");
        }
        boolean identified = settings.identifiedUsers();
        if (shownName == null || !shownName.equals(userName)) {
            String hash = pseudonyms.pseudonym(userName);
            Optional<DirectoryUser> holder = DirectoryUser.byUserNameHash(hash);
            if (holder.isPresent() && !holder.get().id.equals(user.id)) {
                throw new ConflictResourceException("A user with this userName exists");
            }
            user.userNameHash = hash;
            user.userName = identified ? userName.strip() : null;
        }
        String email = primaryEmail(resource);
        if (email != null) {
            user.emailHash = pseudonyms.pseudonym(email);
            user.email = identified ? email : null;
        } else if (resource.getEmails() != null) {
            user.emailHash = null;
            user.email = null;
        }
        user.externalId = resource.getExternalId();
        user.displayName = identified ? resource.getDisplayName() : null;
        user.active = resource.getActive() == null || resource.getActive();
        user.updatedAt = Instant.now();
    }

    private static String primaryEmail(ScimUser resource) {
        List<Email> emails = resource.getEmails();
        if (emails == null || emails.isEmpty()) {
            return null;
        }
        return emails.stream()
                .filter(email -> Boolean.TRUE.equals(email.getPrimary()))
                .findFirst()
                .orElse(emails.get(0))
                .getValue();
    }

    /** The SCIM view of a stored person; {@code askedName} is a userName the caller matched it by. */
    private static ScimUser toScim(DirectoryUser user, String askedName) {
        ScimUser scim = new ScimUser();
        scim.setId(user.id.toString());
        scim.setExternalId(user.externalId);
        scim.setUserName(
                user.userName != null
                        ? user.userName
                        : askedName != null ? askedName : PSEUDONYM_MARK + user.userNameHash);
        scim.setDisplayName(user.displayName);
        if (user.email != null) {
            Email email = new Email();
            email.setValue(user.email);
            email.setType("work");
            email.setPrimary(true);
            scim.setEmails(List.of(email));
        }
        scim.setActive(user.active);
        Meta meta = new Meta();
        meta.setResourceType(ScimUser.RESOURCE_NAME);
        meta.setCreated(LocalDateTime.ofInstant(user.createdAt, ZoneOffset.UTC));
        meta.setLastModified(
                LocalDateTime.ofInstant(user.updatedAt == null ? user.createdAt : user.updatedAt, ZoneOffset.UTC));
        meta.setVersion(Long.toString(user.version));
        scim.setMeta(meta);
        return scim;
    }

    /**
     * Who is in which group decides which bundle a person gets: every directory write moves the directory revision,
     * so that identities resolved before it (kept in memory for a while) are resolved again, on every replica. The
     * bundles themselves stay as they are: browsers of people who did not move keep getting 304.
     */
    private void announce() {
        changed.fire(new DirectoryChanged("directory"));
    }
}
