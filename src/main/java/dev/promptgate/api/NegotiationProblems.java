package dev.promptgate.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST layer picks a method by path, method and media types before it authenticates: a request with a made-up
 * token and an Accept header no method produces would learn 406 (and so that the endpoint exists with other types)
 * before it is told that its token is worthless. A request that carries a credential is authenticated first: one
 * that proves nobody gets 401, whatever else is wrong with the request.
 */
public class NegotiationProblems {

    private final CurrentIdentityAssociation identities;
    private final ProblemMapper problems = new ProblemMapper();

    NegotiationProblems(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerExceptionMapper({NotAcceptableException.class, NotSupportedException.class, NotAllowedException.class})
    public Uni<Response> unnegotiated(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().item(problems.http(e));
        }
        return identities
                .getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? problems.unauthenticated(e, uri) : problems.http(e))
                .onFailure()
                .recoverWithItem(failure -> problems.unauthenticated(e, uri));
    }
}
