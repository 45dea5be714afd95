package dev.promptgate.console;

/** The console's addresses. */
final class ConsolePaths {

    static final String ROOT = "/console/";
    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_IN_OIDC = "/console/sign-in/oidc";

    /** The form field every console change carries its session's CSRF token in. */
    static final String CSRF_FIELD = "csrf";

    private ConsolePaths() {}
}
