package dev.promptgate.security;

import dev.promptgate.api.Roles;
import dev.promptgate.config.PromptgateConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Maps the roles an identity provider puts in its tokens (Keycloak realm roles, Entra ID app roles, Okta
 * groups, …) onto Promptgate's admin and viewer roles. An IdP role that is not mapped grants nothing.
 */
@ApplicationScoped
public class RoleMapping implements SecurityIdentityAugmentor {

    private final Set<String> adminRoles;
    private final Set<String> viewerRoles;

    RoleMapping(PromptgateConfig config) {
        this.adminRoles = Set.copyOf(config.security().adminRoles());
        this.viewerRoles = Set.copyOf(config.security().viewerRoles());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = mapRoles(identity.getRoles());
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(identity.getPrincipal())
                        .addCredentials(identity.getCredentials())
                        .addAttributes(identity.getAttributes())
                        .addRoles(roles)
                        .build());
    }

    Set<String> mapRoles(Set<String> idpRoles) {
        Set<String> roles = new HashSet<>();
        if (idpRoles.stream().anyMatch(adminRoles::contains)) {
            roles.add(Roles.ADMIN);
        }
        if (idpRoles.stream().anyMatch(viewerRoles::contains)) {
            roles.add(Roles.VIEWER);
        }
        return roles;
    }
}
