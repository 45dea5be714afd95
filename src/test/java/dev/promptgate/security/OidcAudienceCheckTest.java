package dev.promptgate.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With OIDC on, the server does not start without an audience, unless told that any audience will do. */
class OidcAudienceCheckTest {

    @Test
    void oidcWithoutAnAudienceDoesNotStart() {
        var refused =
                assertThrows(IllegalStateException.class, () -> OidcAudienceCheck.check(true, Optional.empty(), false));
        assertEquals(OidcAudienceCheck.MISSING, refused.getMessage());
        assertThrows(
                IllegalStateException.class, () -> OidcAudienceCheck.check(true, Optional.of(List.of(" ")), false));
    }

    @Test
    void anAudienceOrAnExplicitOptOutOrNoOidcStarts() {
        assertDoesNotThrow(() -> OidcAudienceCheck.check(true, Optional.of(List.of("promptgate")), false));
        assertDoesNotThrow(() -> OidcAudienceCheck.check(true, Optional.empty(), true));
        assertDoesNotThrow(() -> OidcAudienceCheck.check(false, Optional.empty(), false));
    }
}
