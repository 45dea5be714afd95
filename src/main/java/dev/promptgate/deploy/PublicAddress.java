package dev.promptgate.deploy;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The address browsers reach this server at, as deployment documents and the update manifest write it: the
 * configured public URL. A request's own address comes from its Host header, which the caller chooses
 * ({@code Host: attacker.example}); it is used only in development and tests, and only for a loopback address.
 */
@ApplicationScoped
public class PublicAddress {

    static final String HOW_TO_SET = "No public URL is configured: set promptgate.public-url (the environment variable"
            + " PROMPTGATE_PUBLIC_URL, or the Helm chart's publicUrl value) to the address browsers reach this server"
            + " at, e.g. https://promptgate.example.com";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<String> configured;
    private final boolean production;

    @Inject
    PublicAddress(PromptgateConfig config) {
        this(config.publicUrl(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    PublicAddress(Optional<String> configured, boolean production) {
        this.configured = configured.flatMap(DeploymentSettings::normalizeUrl);
        this.production = production;
    }

    /** The public URL; without one, 400 saying how to set it (in development, a loopback request's address). */
    public String of(URI requestBase) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (!production && requestBase != null && LOOPBACK.contains(String.valueOf(requestBase.getHost()))) {
            return DeploymentSettings.normalizeUrl(requestBase.toString())
                    .orElseThrow(() -> new ProblemException.NotConfigured(HOW_TO_SET));
        }
        throw new ProblemException.NotConfigured(HOW_TO_SET);
    }
}
