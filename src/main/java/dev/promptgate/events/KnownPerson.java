package dev.promptgate.events;

import java.util.List;

/**
 * Who sent a batch, as a verified identity says (an OIDC user token, or a browser-account e-mail the directory
 * knows), never as the browser claims: the identifier that becomes the pseudonym, and the Promptgate group names
 * the person is in.
 */
public record KnownPerson(String identifier, List<String> groups) {

    public KnownPerson {
        if (identifier == null || identifier.isBlank()) {
            throw new IllegalArgumentException("A known person has an identifier");
        }
        groups = List.copyOf(groups);
    }

    /** Never the identifier: an e-mail address must not reach a log through a record's default text. */
    @Override
    public String toString() {
        return "KnownPerson[someone, groups=" + groups + "]";
    }
}
