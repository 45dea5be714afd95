package dev.promptgate.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.api.ProblemException;
import dev.promptgate.bundle.SigningKeyService;
import dev.promptgate.config.PromptgateConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Generates the enterprise policy that force-installs the extension in a browser, configures it for this
 * server and closes the private-window bypass. Configuration is checked at startup, so that a typo in an
 * extension ID or URL stops the server rather than producing documents that silently install nothing.
 */
@Startup
@ApplicationScoped
public class DeploymentService {

    /** Stands in for the enrollment token when the admin did not send one. */
    public static final String TOKEN_PLACEHOLDER = "REPLACE_WITH_ENROLLMENT_TOKEN";

    static final String ENROLLMENT_TOKEN_PREFIX = "pg_et_";
    private static final Pattern ENROLLMENT_TOKEN = Pattern.compile("pg_et_[A-Za-z0-9_-]{16,256}");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final DeploymentSettings settings;
    private final PublicAddress address;
    private final ExtensionPackages packages;
    private final SigningKeyService signingKeys;

    DeploymentService(
            PromptgateConfig config, ExtensionPackages packages, PublicAddress address, SigningKeyService signingKeys) {
        settings = DeploymentSettings.of(config);
        this.address = address;
        this.packages = packages;
        this.signingKeys = signingKeys;
    }

    /**
     * The document for one browser in one format.
     *
     * @param format a {@link PolicyFormat} parameter, or null for the browser's default
     * @param serverUrl the server address to configure, or null for the configured or requested one
     * @param enrollmentToken the token to configure, or null for {@link #TOKEN_PLACEHOLDER}
     * @param identity the extension's identity mode, or null for its default; see {@link ExtensionIdentity}
     * @param developerTools blocked-for-extensions, blocked, or null to leave DevTools as the browser has them
     * @param requestBase the address the request came in on
     */
    public DeploymentDocument generatePolicy(
            String browserName,
            String format,
            String serverUrl,
            String failMode,
            String enrollmentToken,
            IdentityChoice identity,
            String developerTools,
            URI requestBase) {
        Browser browser = Browser.fromPath(browserName)
                .orElseThrow(() -> new ProblemException.NotFound(
                        "No deployment documents for '" + browserName + "'; use chrome, edge or firefox"));
        PolicyFormat chosen = format == null
                ? browser.defaultFormat()
                : PolicyFormat.fromParameter(format)
                        .filter(browser.formats()::contains)
                        .orElseThrow(() -> new ProblemException.InvalidInput(
                                "format", "must be one of " + formatNames(browser) + " for " + browser.pathName()));
        BrowserPolicy policy = policyFor(
                browser,
                server(serverUrl, requestBase),
                token(enrollmentToken),
                failMode,
                identity,
                devTools(developerTools));
        String content =
                switch (chosen) {
                    case LINUX_JSON -> linuxJson(policy);
                    case POLICIES_JSON -> firefoxPoliciesJson(policy);
                    case WINDOWS_REG -> RegFile.render(policy, comments(policy));
                    case MACOS_MOBILECONFIG -> MobileConfig.render(policy, String.join(" ", comments(policy)));
                };
        return new DeploymentDocument(
                content, chosen.mediaType(), "promptgate-" + browser.pathName() + "." + chosen.fileExtension());
    }

    private BrowserPolicy policyFor(
            Browser browser,
            String server,
            String token,
            String failMode,
            IdentityChoice identity,
            BrowserPolicies.DeveloperTools devTools) {
        ObjectNode managed = NODES.objectNode();
        managed.put("serverUrl", server);
        managed.put("enrollmentToken", token);
        managed.set("signingKeys", pinnedKeys());
        if (failMode != null) {
            managed.put("failMode", failMode);
        }
        BrowserPolicies.Source source = source(browser, server);
        ObjectNode policies = BrowserPolicies.of(browser, source, devTools);
        ExtensionIdentity.apply(identity.mode(), identity.accountPattern(), browser, settings, managed, policies);
        return new BrowserPolicy(browser, source.extensionId(), server, policies, managed);
    }

    /**
     * Chrome and Edge install from this server's update manifest unless a store or update URL is configured for
     * them; the ID is then the offered package's (it follows from the key that signed it).
     */
    private BrowserPolicies.Source source(Browser browser, String server) {
        if (browser == Browser.FIREFOX) {
            // Unless another address is configured, the package built with this server (unsigned: ESR only).
            return new BrowserPolicies.Source(
                    settings.firefoxId(),
                    settings.firefoxInstallUrl().orElse(server + FirefoxPackageResource.XPI_PATH));
        }
        var configured = browser == Browser.CHROME ? settings.chromeUpdateUrl() : settings.edgeUpdateUrl();
        String configuredId = browser == Browser.CHROME ? settings.chromeId() : settings.edgeId();
        return configured
                .map(url -> new BrowserPolicies.Source(configuredId, url))
                .orElseGet(() -> new BrowserPolicies.Source(
                        packages.offered()
                                .map(ExtensionPackages.Offered::extensionId)
                                .orElse(configuredId),
                        server + ExtensionDistributionResource.UPDATE_MANIFEST_PATH));
    }

    /**
     * The keys the extension verifies the policy with, and the only ones: those configured in
     * promptgate.extension.signing-keys, else the server's active key and the one prepared for the next rotation.
     * A browser given these never trusts a key its admin's policy did not name (no trust on first use).
     */
    private JsonNode pinnedKeys() {
        return settings.signingKeys()
                .<JsonNode>map(ArrayNode::deepCopy)
                .orElseGet(() -> signingKeys.pinnedKeys().deepCopy());
    }

    private static BrowserPolicies.DeveloperTools devTools(String value) {
        if (value == null) {
            return BrowserPolicies.DeveloperTools.UNCHANGED;
        }
        return switch (value) {
            case "blocked-for-extensions" -> BrowserPolicies.DeveloperTools.BLOCKED_FOR_EXTENSIONS;
            case "blocked" -> BrowserPolicies.DeveloperTools.BLOCKED;
            default -> throw new ProblemException.InvalidInput(
                    "developerTools", "must be blocked-for-extensions or blocked");
        };
    }

    /**
     * Who the extension reports (see docs/adr/0016-extension-sign-in.md).
     *
     * @param mode none, oidc, browser-account, or null for the extension's default
     * @param accountPattern with browser-account: the accounts the browser may be signed in with
     */
    public record IdentityChoice(String mode, String accountPattern) {}

    private static String linuxJson(BrowserPolicy policy) {
        ObjectNode file = policy.policies().deepCopy();
        file.putObject("3rdparty").putObject("extensions").set(policy.extensionId(), policy.managedConfig());
        return write(file);
    }

    private static String firefoxPoliciesJson(BrowserPolicy policy) {
        ObjectNode file = NODES.objectNode();
        ObjectNode policies = file.putObject("policies");
        policies.setAll(policy.policies());
        policies.putObject("3rdparty").putObject("Extensions").set(policy.extensionId(), policy.managedConfig());
        return write(file);
    }

    private static List<String> comments(BrowserPolicy policy) {
        List<String> lines = new ArrayList<>(List.of(
                "Promptgate: installs the Promptgate extension in "
                        + policy.browser().displayName() + " and configures it for " + policy.serverUrl() + ".",
                "These policies replace policies of the same name: if you already set ExtensionSettings or an"
                        + " extension list, merge this extension's entry into yours."));
        if (TOKEN_PLACEHOLDER.equals(
                policy.managedConfig().path("enrollmentToken").asText())) {
            lines.add("Replace " + TOKEN_PLACEHOLDER + " with an enrollment token (pg_et_...) before deploying.");
        }
        return lines;
    }

    private String server(String requested, URI requestBase) {
        if (requested != null) {
            return DeploymentSettings.normalizeUrl(requested)
                    .orElseThrow(() -> new ProblemException.InvalidInput(
                            "serverUrl", "must be an absolute http or https URL without query or fragment"));
        }
        return address.of(requestBase);
    }

    private static String token(String enrollmentToken) {
        if (enrollmentToken == null) {
            return TOKEN_PLACEHOLDER;
        }
        if (!ENROLLMENT_TOKEN.matcher(enrollmentToken).matches()) {
            throw new ProblemException.InvalidInput(
                    DeploymentResource.ENROLLMENT_TOKEN_HEADER,
                    "must be an enrollment token (" + ENROLLMENT_TOKEN_PREFIX + "…)");
        }
        return enrollmentToken;
    }

    private static String formatNames(Browser browser) {
        return browser.formats().stream().map(PolicyFormat::parameter).collect(Collectors.joining(", "));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }
}
