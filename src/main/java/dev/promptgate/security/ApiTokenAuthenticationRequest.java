package dev.promptgate.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Promptgate token presented as a bearer token. */
public class ApiTokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final String secret;

    public ApiTokenAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
