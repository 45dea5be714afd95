package dev.promptgate.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;

/** Who the current request acts as, as written to the audit log. */
@RequestScoped
public class CurrentActor {

    /** The actor recorded for changes the server makes on its own (catalog upgrades, bootstrap). */
    public static final String SYSTEM = "system";

    private final Instance<SecurityIdentity> identity;

    CurrentActor(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    public String name() {
        if (!identity.isResolvable()) {
            return SYSTEM;
        }
        SecurityIdentity caller = identity.get();
        return caller.isAnonymous() ? SYSTEM : caller.getPrincipal().getName();
    }
}
