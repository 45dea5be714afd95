package dev.promptgate.identity;

import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.directory.DirectoryPeople;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Turns the identity headers of a browser's request into a verified {@link Identity}. One place for the policy
 * fetch and the event ingest, so both know a person the same way (docs/identity.md, ADR 14):
 *
 * <ul>
 *   <li>{@value #USER_TOKEN_HEADER}: an OIDC access token, verified; a token that fails is refused (401), never
 *       treated as absent. When the directory knows the token's e-mail, the directory's groups are used (so a
 *       membership change provisioned over SCIM applies at once); otherwise the token's groups claim.
 *   <li>{@value #BROWSER_ACCOUNT_HEADER}: the e-mail of the managed browser's signed-in profile, as the browser
 *       asserts it. Only an active person of the directory counts; an unknown address gets {@link Identity#NONE},
 *       the organization's policy. Ignored when a user token is present.
 * </ul>
 */
@ApplicationScoped
public class IdentityResolver {

    /** The header that carries the user's OIDC access token. */
    public static final String USER_TOKEN_HEADER = "X-Promptgate-User-Token";

    /** The header that carries the managed browser profile's e-mail address. */
    public static final String BROWSER_ACCOUNT_HEADER = "X-Promptgate-Browser-Account";

    private final UserTokens tokens;
    private final DirectoryPeople directory;
    private final boolean browserAccounts;

    IdentityResolver(UserTokens tokens, DirectoryPeople directory, PromptgateConfig config) {
        this.tokens = tokens;
        this.directory = directory;
        this.browserAccounts = config.identity().browserAccount();
    }

    /** Whether a request with these header values names no one, so the organization's policy applies. */
    public static boolean anonymous(String userToken, String browserAccount) {
        return blank(userToken) && blank(browserAccount);
    }

    /**
     * The verified identity of a request with these header values (either may be null). Fails with an
     * {@code AuthenticationFailedException} for a user token that does not verify. Touches the database (on a
     * worker thread) only when a person is named.
     */
    public Uni<Identity> resolve(String userToken, String browserAccount) {
        if (!blank(userToken)) {
            return tokens.verify(userToken).chain(this::withDirectoryGroups);
        }
        if (!blank(browserAccount) && browserAccounts) {
            String email = browserAccount.strip();
            return lookUp(email)
                    .map(person -> person.map(p -> new Identity(Identity.Kind.BROWSER_ACCOUNT, email, p.groupValues()))
                            .orElse(Identity.NONE));
        }
        return Uni.createFrom().item(Identity.NONE);
    }

    private Uni<Identity> withDirectoryGroups(UserTokens.Verified verified) {
        if (verified.email() == null) {
            return Uni.createFrom().item(new Identity(Identity.Kind.OIDC, verified.user(), verified.groups()));
        }
        return lookUp(verified.email())
                .map(person -> new Identity(
                        Identity.Kind.OIDC,
                        verified.user(),
                        person.map(DirectoryPeople.Person::groupValues).orElse(verified.groups())));
    }

    private Uni<Optional<DirectoryPeople.Person>> lookUp(String email) {
        return Uni.createFrom()
                .item(() -> directory.findActive(email))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
