package dev.promptgate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code promptgate.*} setting; each can be given as an environment variable (PROMPTGATE_…). The bounds
 * the settings' comments state are checked by {@link ConfigBounds} when the server starts, not with Bean
 * Validation annotations: one such annotation on a mapping makes Quarkus build validation metadata for every
 * configuration class of every extension on each start (docs/performance.md, "Startup and memory").
 */
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

    /**
     * The address browsers reach this server at (e.g. {@code https://promptgate.example.com}), written into the
     * extension's managed configuration and the update manifest. Required in production: without it deployment
     * documents and the update manifest answer 400 (development and tests use a loopback request's address).
     */
    Optional<String> publicUrl();

    /** The browser extension that enterprise policy installs, and where each browser downloads it from. */
    Extension extension();

    /** The events browsers report: ingest, storage, retention and reports. */
    Events events();

    /** How the server knows the person behind a browser (docs/identity.md). */
    Identity identity();

    /** Guidelines: how their Markdown is rendered. */
    Guidelines guidelines();

    interface Guidelines {
        /**
         * The longest one rendering of guideline Markdown (preview, draft, publish, policy-as-code) may take; past
         * it the Markdown is refused with 400. Rendering is linear in the Markdown's length (at most 100,000
         * characters), so a real guideline renders far below it (docs/reliability.md).
         */
        @WithDefault("2s")
        Duration renderBudget();
    }

    interface Identity {
        /**
         * Whether a managed browser's profile e-mail (header X-Promptgate-Browser-Account) that the directory knows
         * selects that person's groups. The address is asserted by the browser, not proven: turn this off unless
         * browser policy pins the signed-in account to the organization's domain (docs/identity.md).
         */
        @WithDefault("true")
        boolean browserAccount();
    }

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
         * Whether a bootstrap admin token may exist. Unset: yes when no identity provider is configured
         * ({@code quarkus.oidc.tenant-enabled=false}), no once one is. When allowed and no token exists, one is
         * generated on start (without an identity provider), printed that once and stored hashed. When not allowed,
         * an existing token is revoked on start, so allowing it again makes a new one.
         */
        Optional<Boolean> enabled();

        /** A bootstrap admin token to use instead of a generated one (at least 32 characters), e.g. from a Secret. */
        Optional<String> token();

        /**
         * How long a bootstrap token works, from when it was generated or first taken from configuration. Past it
         * the token is refused (401); the server does not make another by itself (docs/admin-guide.md).
         */
        @WithDefault("24h")
        Duration lifetime();
    }

    interface Security {
        /** IdP role (or group) values, from {@code quarkus.oidc.roles.role-claim-path}, that grant the admin role. */
        @WithDefault("admin")
        List<String> adminRoles();

        /** IdP role (or group) values that grant the viewer role (read, audit, reports). */
        @WithDefault("viewer")
        List<String> viewerRoles();

        /**
         * Accept OIDC access tokens whatever their audience. Off: with OIDC on, {@code quarkus.oidc.token.audience}
         * is required and the server does not start without it, since a token the provider issued to any other
         * application would otherwise be accepted here. Turn on only for a provider that issues tokens to nobody else.
         */
        @WithDefault("false")
        boolean allowAnyAudience();

        /**
         * How long a replica keeps accepting enrollment tokens from memory after it last checked them against the
         * database (on every change notification and every {@code promptgate.bundle.version-check-interval}). Past
         * it, while the database stays unreachable, requests with an enrollment token are answered 503 with
         * Retry-After, so a token revoked during an outage stops working on a cut-off replica too. Must be longer
         * than the version-check interval; the default outlasts short outages (docs/reliability.md).
         */
        @WithDefault("5m")
        Duration enrollmentTokenCacheMaxAge();
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

    interface Extension {
        /**
         * The extension ID for installs from a store (from the public key in the extension's manifest). Self-hosted
         * installs use the ID of the CRX this server serves, which follows from the key that signed it.
         */
        @WithDefault("alckfeecdeknpfgdenfdanhaphpinjaj")
        String id();

        /** The extension ID in Edge, when Edge installs it from Microsoft Edge Add-ons under an ID of its own. */
        Optional<String> edgeId();

        /** The Firefox (Gecko) add-on ID. */
        @WithDefault("promptgate@promptgate.dev")
        String firefoxId();

        /**
         * Where Chrome downloads and updates the extension. Unset: this server's own update manifest
         * ({@code /api/v1/extension/update.xml}); the Chrome Web Store is
         * {@code https://clients2.google.com/service/update2/crx}.
         */
        Optional<String> chromeUpdateUrl();

        /**
         * Where Edge downloads and updates the extension. Unset: this server's own update manifest; Microsoft Edge
         * Add-ons is {@code https://edge.microsoft.com/extensionwebstorebase/v1/crx}.
         */
        Optional<String> edgeUpdateUrl();

        /**
         * The CRX3 built with the server ({@code ./mvnw package}), a classpath resource, served until an admin
         * uploads a higher version; a server built without the extension has none.
         */
        @WithDefault("extension/promptgate.crx")
        String bundledCrx();

        /** The Firefox package built with the server, a classpath resource; a server built without it has none. */
        @WithDefault("extension/promptgate.xpi")
        String bundledXpi();

        /**
         * Where Firefox downloads the extension's .xpi. Unset: this server's own package
         * ({@code /api/v1/extension/promptgate.xpi}, unsigned: ESR only); for release Firefox the organization's
         * Mozilla-signed copy.
         */
        Optional<String> firefoxInstallUrl();

        /**
         * Bundle-signing public keys to pin in the extension's managed configuration, as JWKS JSON ({"keys": [...]}).
         * Without it the deployment documents pin the server's active signing key and the one prepared for the next
         * rotation.
         */
        Optional<String> signingKeys();

        /**
         * The identity provider's issuer the extension signs people in with, for deployment documents with identity
         * oidc (the extension's managed oidcIssuer), e.g. https://login.microsoftonline.com/TENANT/v2.0.
         */
        Optional<String> oidcIssuer();

        /** The public client registered for the extension at that provider (the extension's managed oidcClientId). */
        Optional<String> oidcClientId();

        /** The scopes the extension asks for, when not its default (openid profile email); see docs/identity.md. */
        Optional<String> oidcScope();
    }

    interface Events {
        /**
         * Days events are kept. Day partitions older than this are dropped, with the report rollups of those days;
         * acknowledgements are kept at least as long as the organization's acknowledge-every-days.
         */
        @WithDefault("90")
        int retentionDays();

        /**
         * The secret key of the HMAC-SHA256 that turns user identifiers into pseudonyms (at least 32 characters),
         * e.g. from a Secret. Required in production: without it a key is generated once and kept in the database,
         * next to the pseudonyms it protects. Changing it changes every pseudonym from then on.
         */
        Optional<String> userHashSecret();

        /** The most events one POST may carry; a larger batch is refused with 413. */
        @WithDefault("500")
        int maxBatch();

        /**
         * Batches one browser install (enrollment token and device id) may post per minute to one replica, in
         * bursts of up to a third of it; beyond it 429 with Retry-After for that browser alone. 0: no limit.
         */
        @WithDefault("60")
        int deviceBatchesPerMinute();

        /**
         * Batches one person known from a verified identity may post per minute to one replica, from all their
         * browsers together, in bursts of up to a third of it. 0: no limit.
         */
        @WithDefault("120")
        int personBatchesPerMinute();

        /**
         * Events one enrollment token may post per minute to one replica, from all its browsers together (bursts
         * of up to ten seconds' worth): the ceiling that bounds what a leaked token can store. Sized for a fleet;
         * see docs/events-and-reports.md for the arithmetic. 0: no limit.
         */
        @WithDefault("300000")
        int tokenEventsPerMinute();

        /** Days of partitions created ahead of today (at least 2, as events may be up to a day in the future). */
        @WithDefault("7")
        int partitionsAhead();

        /**
         * How often the report rollups catch up with newly stored events; reports lag by about this. Each run
         * recomputes the days that got events, so a shorter interval costs more on busy days.
         */
        @WithDefault("1m")
        Duration rollupInterval();

        /**
         * Threads that write events to the database. Batches that arrive together are written together, in one
         * statement, by whichever writer is free.
         */
        @WithDefault("2")
        int writers();
    }
}
