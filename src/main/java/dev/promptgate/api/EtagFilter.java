package dev.promptgate.api;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Puts the ETag of a versioned resource on every response that carries one, so resources stay thin. */
public class EtagFilter {

    @ServerResponseFilter
    public void addEtag(ContainerResponseContext response) {
        if (response.getEntity() instanceof Versioned versioned
                && !response.getHeaders().containsKey(HttpHeaders.ETAG)) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, Preconditions.etag(versioned.version()));
        }
    }
}
