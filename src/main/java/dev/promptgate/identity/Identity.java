package dev.promptgate.identity;

import java.util.Set;

/**
 * Who is behind a browser's request, as far as the server can verify it, never as the browser asserts it.
 *
 * @param kind how the person was known, or {@link Kind#NONE} when nobody was (the organization's policy applies)
 * @param user the person's identifier (e-mail when known, else the token's user name or subject): personal data,
 *     to be turned into a pseudonym with {@code UserPseudonyms} and kept in clear only in identified mode; never
 *     logged, and left out of {@link #toString()}
 * @param groups the IdP group values that select Promptgate groups (as {@code BundleStore.bundleFor} takes them)
 */
public record Identity(Kind kind, String user, Set<String> groups) {

    public enum Kind {
        /** No verified person: the organization's policy, events without a person. */
        NONE,
        /** A verified OIDC access token from the organization's identity provider. */
        OIDC,
        /** A managed browser profile's e-mail that the directory knows (asserted by the managed browser). */
        BROWSER_ACCOUNT
    }

    /** Nobody verified. */
    public static final Identity NONE = new Identity(Kind.NONE, null, Set.of());

    public Identity {
        groups = Set.copyOf(groups);
    }

    public boolean known() {
        return kind != Kind.NONE;
    }

    @Override
    public String toString() {
        return "Identity[" + kind + ", " + (user == null ? "nobody" : "someone") + ", groups=" + groups + "]";
    }
}
