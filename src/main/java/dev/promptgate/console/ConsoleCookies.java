package dev.promptgate.console;

import jakarta.ws.rs.core.NewCookie;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The session cookie: HttpOnly, SameSite=Strict, only under /console, and Secure unless the console is reached on
 * the loopback address (a trial on one machine over plain HTTP). Behind a TLS proxy the host is a real name, so the
 * cookie is Secure.
 */
final class ConsoleCookies {

    private ConsoleCookies() {}

    static NewCookie session(String value, String host) {
        return builder(value, host).build();
    }

    static NewCookie expired(String host) {
        return builder("", host).maxAge(0).build();
    }

    /** The session cookie of the {@code console} OIDC tenant; Quarkus splits a long one into numbered chunks. */
    static final String OIDC_SESSION = "q_session_console";

    /** Every name the console tenant's session may have: whole, with split tokens, or in chunks. */
    static final List<String> OIDC_SESSION_NAMES = Stream.concat(
                    Stream.of(OIDC_SESSION, OIDC_SESSION + "_at", OIDC_SESSION + "_rt"),
                    IntStream.rangeClosed(1, 8).mapToObj(i -> OIDC_SESSION + "_chunk_" + i))
            .toList();

    /**
     * Removals of those of {@code names} that belong to the console tenant's session, at the path the tenant sets
     * them on ({@code quarkus.oidc.console.authentication.cookie-path}).
     */
    static NewCookie[] expiredOidc(Collection<String> names, String path) {
        return names.stream()
                .filter(name -> name.equals(OIDC_SESSION) || name.startsWith(OIDC_SESSION + "_"))
                .map(name -> new NewCookie.Builder(name)
                        .value("")
                        .path(path)
                        .maxAge(0)
                        .httpOnly(true)
                        .build())
                .toArray(NewCookie[]::new);
    }

    private static NewCookie.Builder builder(String value, String host) {
        return new NewCookie.Builder(ConsoleSessionMechanism.COOKIE)
                .value(value)
                .path("/console")
                .httpOnly(true)
                .secure(!loopback(host))
                .sameSite(NewCookie.SameSite.STRICT);
    }

    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        name = name.startsWith("[") ? name.substring(0, name.indexOf(']') + 1) : name.replaceFirst(":\\d+$", "");
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
    }
}
