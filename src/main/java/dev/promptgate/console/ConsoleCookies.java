package dev.promptgate.console;

import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;

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
