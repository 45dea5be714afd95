package dev.promptgate.console;

import dev.promptgate.api.Roles;
import dev.promptgate.security.ApiToken;
import dev.promptgate.security.TokenSecrets;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sessions kept in the database, so that every replica knows them: opened by a sign-in, found again by the
 * cookie's random id (stored only hashed), ended by sign-out, idleness, age, or the revocation of the token that
 * opened them.
 */
@ApplicationScoped
@Transactional
public class ConsoleSessions {

    /** A session as a request sees it. {@code cookie} is the secret id, only known right after opening. */
    public record Signed(long id, String actor, String role, String csrfToken, String cookie) {
        public boolean admin() {
            return Roles.ADMIN.equals(role);
        }
    }

    // Recording use at most this often keeps page loads from writing on every request.
    private static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleConfig config;

    ConsoleSessions(ConsoleConfig config) {
        this.config = config;
    }

    /** Opens a session for someone with Promptgate role {@code role} (admin or viewer only). */
    public Signed open(String actor, String role, Long apiTokenId) {
        if (!Roles.ADMIN.equals(role) && !Roles.VIEWER.equals(role)) {
            throw new IllegalArgumentException("the console is for admins and viewers");
        }
        String cookie = random();
        ConsoleSession session = new ConsoleSession();
        session.sessionHash = TokenSecrets.hash(cookie);
        session.actor = actor;
        session.role = role;
        session.csrfToken = random();
        session.apiTokenId = apiTokenId;
        session.createdAt = Instant.now();
        session.lastSeenAt = session.createdAt;
        session.persist();
        return new Signed(session.id, actor, role, session.csrfToken, cookie);
    }

    /** The live session the cookie names; ends it and finds nothing once it is idle, too old or revoked. */
    public Optional<Signed> find(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Optional.empty();
        }
        Optional<ConsoleSession> found =
                ConsoleSession.find("sessionHash", TokenSecrets.hash(cookie)).firstResultOptional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = found.get();
        Instant now = Instant.now();
        if (!live(session, now)) {
            session.delete();
            return Optional.empty();
        }
        if (session.lastSeenAt.isBefore(now.minus(TOUCH_RESOLUTION))) {
            session.lastSeenAt = now;
        }
        return Optional.of(new Signed(session.id, session.actor, session.role, session.csrfToken, null));
    }

    public void close(long id) {
        ConsoleSession.deleteById(id);
    }

    /** Whether {@code offered} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(Signed session, String offered) {
        return offered != null
                && MessageDigest.isEqual(
                        session.csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        offered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Scheduled(every = "10m", delayed = "1m")
    void removeEnded() {
        Instant now = Instant.now();
        ConsoleSession.delete(
                "lastSeenAt < ?1 or createdAt < ?2", now.minus(config.idleTimeout()), now.minus(config.maxAge()));
    }

    private boolean live(ConsoleSession session, Instant now) {
        if (session.lastSeenAt.plus(config.idleTimeout()).isBefore(now)
                || session.createdAt.plus(config.maxAge()).isBefore(now)) {
            return false;
        }
        if (session.apiTokenId == null) {
            return true;
        }
        ApiToken token = ApiToken.findById(session.apiTokenId);
        return token != null && token.isUsableAt(now);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
