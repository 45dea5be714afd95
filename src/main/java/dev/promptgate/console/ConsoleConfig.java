package dev.promptgate.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The admin console at /console/ (docs/console.md). */
@ConfigMapping(prefix = "promptgate.console")
public interface ConsoleConfig {

    /** A session unused for this long ends; the next page asks to sign in again. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** A session ends this long after sign-in, however much it is used. */
    @WithDefault("12h")
    Duration maxAge();
}
