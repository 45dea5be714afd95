package dev.promptgate.security;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.audit.CurrentActor;
import dev.promptgate.change.TokensChanged;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Issues, lists, revokes and checks Promptgate's own tokens. */
@ApplicationScoped
@Transactional
public class ApiTokenService {

    private static final Logger LOG = Logger.getLogger(ApiTokenService.class);

    /** The longest a token may be issued for; beyond it an expiry means nothing and may not even be storable. */
    static final Duration MAX_LIFETIME = Duration.ofDays(3653);

    /** Last use is written at most this often per token, so a busy token does not write on every request. */
    static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    private final AuditLog audit;
    private final Event<TokensChanged> changed;
    private final CurrentActor actor;
    private final BootstrapToken bootstrap;

    ApiTokenService(AuditLog audit, CurrentActor actor, BootstrapToken bootstrap, Event<TokensChanged> changed) {
        this.changed = changed;
        this.audit = audit;
        this.actor = actor;
        this.bootstrap = bootstrap;
    }

    /** A token as the authentication layer needs it. */
    public record Authenticated(long id, String actorName, String role) {}

    /** The token that was just issued, with its secret: the only time the secret exists outside the caller. */
    public record Issued(ApiToken token, String secret) {}

    public Optional<Authenticated> authenticate(String secret) {
        Instant now = Instant.now();
        return ApiToken.findBySecret(secret)
                .filter(token -> token.kind != ApiToken.Kind.BOOTSTRAP || bootstrap.allowed())
                .filter(token -> {
                    if (token.kind == ApiToken.Kind.BOOTSTRAP && token.revokedAt == null && !token.isUsableAt(now)) {
                        LOG.warnf(
                                "Refused the bootstrap admin token (id %d): it expired at %s"
                                        + " (promptgate.bootstrap.lifetime); see docs/admin-guide.md",
                                token.id, token.expiresAt);
                    }
                    return token.isUsableAt(now);
                })
                .map(token -> {
                    if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USE_RESOLUTION))) {
                        // A direct update: recording use must not bump the version admins use for If-Match.
                        ApiToken.update("lastUsedAt = ?1 where id = ?2", now, token.id);
                    }
                    return new Authenticated(token.id, actorName(token), token.role);
                });
    }

    public Issued issue(ApiToken.Kind kind, String name, String role, Instant expiresAt) {
        if (expiresAt != null && expiresAt.isAfter(Instant.now().plus(MAX_LIFETIME))) {
            throw new ProblemException.InvalidInput("expiresAt", "must be at most 10 years from now");
        }
        String secret = TokenSecrets.generate(kind);
        ApiToken token = new ApiToken();
        token.kind = kind;
        token.name = name;
        token.role = role;
        token.expiresAt = expiresAt;
        token.prefix = TokenSecrets.shownPrefix(secret);
        token.tokenHash = TokenSecrets.hash(secret);
        token.createdAt = Instant.now();
        token.createdBy = actor.name();
        token.persist();
        audit.record("create", auditType(kind), token.id, null, TokenView.of(token));
        if (kind == ApiToken.Kind.ENROLLMENT) {
            changed.fire(new TokensChanged());
        }
        return new Issued(token, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiToken> list(ApiToken.Kind kind, PageParams paging) {
        var query =
                ApiToken.find("kind", Sort.descending("createdAt", "id"), kind).page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ApiToken> find(ApiToken.Kind kind, long id) {
        return ApiToken.<ApiToken>findByIdOptional(id).filter(token -> token.kind == kind);
    }

    /**
     * Issues a successor with the same name, role and expiry, and lets the old token expire after the grace
     * period (or keep its earlier expiry).
     */
    public Issued rotate(ApiToken.Kind kind, long id, int graceHours) {
        ApiToken old = find(kind, id).orElseThrow(() -> new ProblemException.NotFound("No token " + id));
        if (!old.isUsableAt(Instant.now())) {
            throw new ProblemException.Conflict("Token " + id + " is revoked or expired; create a new one instead");
        }
        TokenView before = TokenView.of(old);
        Instant originalExpiry = old.expiresAt;
        Instant graceEnd = Instant.now().plus(Duration.ofHours(graceHours));
        if (originalExpiry == null || originalExpiry.isAfter(graceEnd)) {
            old.expiresAt = graceEnd;
        }
        Issued successor = issue(kind, old.name, old.role, originalExpiry);
        ApiToken.flush();
        audit.record("rotate", auditType(kind), old.id, before, TokenView.of(old));
        if (kind == ApiToken.Kind.ENROLLMENT) {
            changed.fire(new TokensChanged());
        }
        return successor;
    }

    /** Revokes a token; revoking a revoked token changes nothing. */
    public ApiToken revoke(ApiToken.Kind kind, long id) {
        ApiToken token = find(kind, id).orElseThrow(() -> new ProblemException.NotFound("No token " + id));
        if (token.revokedAt == null) {
            TokenView before = TokenView.of(token);
            token.revokedAt = Instant.now();
            ApiToken.flush();
            audit.record("revoke", auditType(kind), token.id, before, TokenView.of(token));
            if (kind == ApiToken.Kind.ENROLLMENT) {
                changed.fire(new TokensChanged());
            }
        }
        return token;
    }

    static String actorName(ApiToken token) {
        return "token:" + token.name + " (" + token.prefix + "…)";
    }

    private static String auditType(ApiToken.Kind kind) {
        return switch (kind) {
            case API -> "api-token";
            case BOOTSTRAP -> "bootstrap-token";
            case ENROLLMENT -> "enrollment-token";
            case SCIM -> "scim-token";
        };
    }
}
