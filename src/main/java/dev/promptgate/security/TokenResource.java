package dev.promptgate.security;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * What API tokens and enrollment tokens have in common: creating, listing, reading and revoking them.
 * {@link ApiTokenResource} and {@code EnrollmentTokenResource} bind it to their path, kind and input; the OpenAPI document names each operation after its resource ({@code listApiTokens},
 * {@code revokeEnrollmentToken}, …), see {@code SharedOperationNames}.
 */
public abstract class TokenResource<N extends TokenResource.NewToken> {

    private final ApiTokenService tokens;
    private final ApiToken.Kind kind;
    private final String path;
    private final String noun;

    protected TokenResource(ApiTokenService tokens, ApiToken.Kind kind, String path, String noun) {
        this.tokens = tokens;
        this.kind = kind;
        this.path = path;
        this.noun = noun;
    }

    /** A token as an admin asks for it; it knows how it is issued. */
    public interface NewToken {
        ApiTokenService.Issued issueWith(ApiTokenService tokens);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an {noun}; its secret is in this response and nowhere else, ever")
    @APIResponse(responseCode = "201", description = "Created; keep the secret now")
    public Response create(@Valid @NotNull N body) {
        return created(body.issueWith(tokens));
    }

    @GET
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List {nouns}, newest first, without their secrets")
    public Page<TokenView> list(@Valid @BeanParam PageParams paging) {
        return tokens.list(kind, paging).map(TokenView::of);
    }

    @GET
    @Path("{id}")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Get one {noun}, without its secret")
    public TokenView get(@PathParam("id") long id) {
        return tokens.find(kind, id)
                .map(TokenView::of)
                .orElseThrow(() -> new ProblemException.NotFound("No " + noun + " " + id));
    }

    @POST
    @Path("{id}/revoke")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an {noun} at once; revoking it again changes nothing")
    public TokenView revoke(@PathParam("id") long id) {
        return TokenView.of(tokens.revoke(kind, id));
    }

    /** The answer to a create or a rotation: 201, the token and, once, its secret. */
    protected Response created(ApiTokenService.Issued issued) {
        return Response.created(URI.create(path + "/" + issued.token().id))
                .entity(new IssuedToken(TokenView.of(issued.token()), issued.secret()))
                .build();
    }

    /** The response to a create: the token and, once, its secret. */
    public record IssuedToken(TokenView token, String secret) {}
}
