package dev.promptgate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every {@code promptgate.*} setting; each can be given as an environment variable (PROMPTGATE_…). */
@ConfigMapping(prefix = "promptgate")
public interface PromptgateConfig {

    /** The embedded PostgreSQL used when no {@code quarkus.datasource.jdbc.url} is configured. */
    EmbeddedDatabaseConfig embeddedDatabase();

    /** The bootstrap admin token for a first start without an identity provider. */
    Bootstrap bootstrap();

    /** How identity-provider roles become Promptgate roles. */
    Security security();

    /** The policy bundles served to browsers. */
    Bundle bundle();

    interface EmbeddedDatabaseConfig {
        /** Start an embedded PostgreSQL when no JDBC URL is configured. Set to false to require an external one. */
        @WithDefault("true")
        boolean enabled();

        /** Where the embedded PostgreSQL keeps its data, across restarts. */
        @WithDefault("data/postgres")
        String dataDir();

        /** The embedded PostgreSQL's port on 127.0.0.1; 0 picks a free one. */
        @WithDefault("0")
        int port();
    }

    interface Bootstrap {
        /**
         * Whether a bootstrap admin token may exist. When true and no token exists yet, one is generated on first
         * start, printed once and stored hashed. Set to false in production to refuse it (an existing one stops
         * working).
         */
        @WithDefault("true")
        boolean enabled();

        /** A bootstrap admin token to use instead of a generated one (at least 32 characters), e.g. from a Secret. */
        Optional<String> token();
    }

    interface Security {
        /** IdP role (or group) values, from {@code quarkus.oidc.roles.role-claim-path}, that grant the admin role. */
        @WithDefault("admin")
        List<String> adminRoles();

        /** IdP role (or group) values that grant the viewer role (read, audit, reports). */
        @WithDefault("viewer")
        List<String> viewerRoles();
    }

    interface Bundle {
        /** Seconds between an extension's policy checks; sent as refreshSeconds and as Cache-Control max-age. */
        @WithDefault("300")
        int refreshSeconds();

        /** How often each replica checks for a policy change whose notification it may have missed. */
        @WithDefault("30s")
        Duration versionCheckInterval();

        /**
         * The key that signs bundles: a PEM with an EC P-256 private key (PKCS#8) followed by its public key,
         * e.g. from a Secret. Without it a key is generated once and kept in the database.
         */
        Optional<String> signingKey();

        /** How long a replaced signing key stays in the JWKS, so extensions holding older bundles can verify them. */
        @WithDefault("P30D")
        Duration previousKeyRetention();

        /** The claim of a user's OIDC token that lists the user's groups. */
        @WithDefault("groups")
        String groupsClaim();
    }
}
