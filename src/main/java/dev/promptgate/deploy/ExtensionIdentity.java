package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.api.ProblemException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The extension's identity mode in the deployment documents (docs/adr/0016-extension-sign-in.md): none, oidc (with
 * the provider the server is configured with) or browser-account (with the browser policies that pin the profile's
 * account to the organization, without which the e-mail it reports would mean nothing).
 */
final class ExtensionIdentity {

    static final String NONE = "none";
    static final String OIDC = "oidc";
    static final String BROWSER_ACCOUNT = "browser-account";

    /** Chrome and Edge: 2 = the person must sign in to the browser to use it. */
    static final int BROWSER_SIGNIN_FORCED = 2;

    private ExtensionIdentity() {}

    /**
     * Adds the identity settings to the extension's managed configuration and, for browser-account, the sign-in
     * policies to the browser's.
     *
     * @param mode none, oidc, browser-account, or null (the extension's default, none: nothing is written)
     * @param accountPattern with browser-account: the accounts allowed to sign in to the browser (a regular
     *     expression, RestrictSigninToPattern)
     */
    static void apply(
            String mode,
            String accountPattern,
            Browser browser,
            DeploymentSettings settings,
            ObjectNode managed,
            ObjectNode policies) {
        if (mode == null) {
            return;
        }
        String chosen = mode.toLowerCase(Locale.ROOT);
        if (!chosen.equals(NONE) && browser == Browser.FIREFOX) {
            throw new ProblemException.InvalidInput(
                    "identity", "Firefox supports only none so far; oidc and browser-account are for chrome and edge");
        }
        switch (chosen) {
            case NONE -> managed.put("identity", NONE);
            case OIDC -> oidc(settings, managed);
            case BROWSER_ACCOUNT -> browserAccount(accountPattern, managed, policies);
            default -> throw new ProblemException.InvalidInput("identity", "must be none, oidc or browser-account");
        }
    }

    private static void oidc(DeploymentSettings settings, ObjectNode managed) {
        if (settings.oidcIssuer().isEmpty() || settings.oidcClientId().isEmpty()) {
            throw new ProblemException.InvalidInput(
                    "identity",
                    "oidc needs promptgate.extension.oidc-issuer and promptgate.extension.oidc-client-id on the"
                            + " server (see docs/identity.md)");
        }
        managed.put("identity", OIDC);
        managed.put("oidcIssuer", settings.oidcIssuer().get());
        managed.put("oidcClientId", settings.oidcClientId().get());
        settings.oidcScope().ifPresent(scope -> managed.put("oidcScope", scope));
    }

    private static void browserAccount(String accountPattern, ObjectNode managed, ObjectNode policies) {
        if (accountPattern == null || accountPattern.isBlank()) {
            throw new ProblemException.InvalidInput(
                    "accountPattern",
                    "browser-account needs the organization's accounts, e.g. .*@example\\.com, so that the browser"
                            + " can be signed in with no other account");
        }
        try {
            Pattern.compile(accountPattern);
        } catch (PatternSyntaxException e) {
            throw new ProblemException.InvalidInput("accountPattern", "is not a regular expression");
        }
        managed.put("identity", BROWSER_ACCOUNT);
        policies.put("BrowserSignin", BROWSER_SIGNIN_FORCED);
        policies.put("RestrictSigninToPattern", accountPattern);
    }
}
