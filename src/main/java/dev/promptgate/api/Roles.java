package dev.promptgate.api;

/** The roles Promptgate checks. Identity-provider roles are mapped onto these by {@code dev.promptgate.security.RoleMapping}. */
public final class Roles {

    /** All writes, plus everything a viewer may do. */
    public static final String ADMIN = "admin";

    /** Reads policy, audit and reports. */
    public static final String VIEWER = "viewer";

    /** A browser holding an enrollment token: fetches the policy and posts events, nothing else. */
    public static final String CLIENT = "client";

    /** The identity provider's SCIM client holding a SCIM token: provisions people and groups, nothing else. */
    public static final String SCIM = "scim";

    private Roles() {}
}
