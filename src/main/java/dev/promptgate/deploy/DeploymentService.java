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
import dev.promptgate.config.PromptgateConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    private static final Pattern CHROMIUM_EXTENSION_ID = Pattern.compile("[a-p]{32}");
    private static final Pattern GECKO_ADDON_ID =
            Pattern.compile("[A-Za-z0-9._+-]*@[A-Za-z0-9._-]+|\\{[0-9A-Fa-f-]{36}\\}");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String chromeId;
    private final String edgeId;
    private final String firefoxId;
    private final String chromeUpdateUrl;
    private final String edgeUpdateUrl;
    private final String firefoxInstallUrl;
    private final Optional<String> publicUrl;
    private final Optional<ArrayNode> signingKeys;

    DeploymentService(PromptgateConfig config) {
        PromptgateConfig.Extension extension = config.extension();
        chromeId = require(extension.id(), CHROMIUM_EXTENSION_ID, "promptgate.extension.id");
        edgeId = require(extension.edgeId().orElse(chromeId), CHROMIUM_EXTENSION_ID, "promptgate.extension.edge-id");
        firefoxId = require(extension.firefoxId(), GECKO_ADDON_ID, "promptgate.extension.firefox-id");
        chromeUpdateUrl =
                requireUri(extension.chromeUpdateUrl(), "promptgate.extension.chrome-update-url", "https", "http");
        edgeUpdateUrl = requireUri(extension.edgeUpdateUrl(), "promptgate.extension.edge-update-url", "https", "http");
        firefoxInstallUrl = requireUri(
                extension.firefoxInstallUrl(), "promptgate.extension.firefox-install-url", "https", "http", "file");
        publicUrl = config.publicUrl().map(url -> normalizeUrl(url)
                .orElseThrow(() -> new IllegalStateException(
                        "promptgate.public-url must be an absolute http or https URL without query or fragment")));
        signingKeys = extension.signingKeys().map(DeploymentService::parseSigningKeys);
    }

    /**
     * The document for one browser in one format.
     *
     * @param format a {@link PolicyFormat} parameter, or null for the browser's default
     * @param serverUrl the server address to configure, or null for the configured or requested one
     * @param enrollmentToken the token to configure, or null for {@link #TOKEN_PLACEHOLDER}
     * @param requestBase the address the request came in on
     */
    public PolicyDocument generatePolicy(
            String browserName,
            String format,
            String serverUrl,
            String failMode,
            String enrollmentToken,
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
        BrowserPolicy policy = policyFor(browser, server(serverUrl, requestBase), token(enrollmentToken), failMode);
        String content =
                switch (chosen) {
                    case LINUX_JSON -> linuxJson(policy);
                    case POLICIES_JSON -> firefoxPoliciesJson(policy);
                    case WINDOWS_REG -> RegFile.render(policy, comments(policy));
                    case MACOS_MOBILECONFIG -> MobileConfig.render(policy, String.join(" ", comments(policy)));
                };
        return new PolicyDocument(
                content, chosen.mediaType(), "promptgate-" + browser.pathName() + "." + chosen.fileExtension());
    }

    private BrowserPolicy policyFor(Browser browser, String server, String token, String failMode) {
        ObjectNode policies = NODES.objectNode();
        String extensionId;
        switch (browser) {
            case CHROME -> {
                extensionId = chromeId;
                ObjectNode settings = policies.putObject("ExtensionSettings").putObject(extensionId);
                settings.put("installation_mode", "force_installed");
                settings.put("update_url", chromeUpdateUrl);
                settings.put("toolbar_pin", "force_pinned");
                policies.putArray("ExtensionInstallForcelist").add(extensionId + ";" + chromeUpdateUrl);
                // An extension runs in incognito only if the user allows it there; no policy can, so incognito goes.
                policies.put("IncognitoModeAvailability", 1);
            }
            case EDGE -> {
                extensionId = edgeId;
                ObjectNode settings = policies.putObject("ExtensionSettings").putObject(extensionId);
                settings.put("installation_mode", "force_installed");
                settings.put("update_url", edgeUpdateUrl);
                settings.put("toolbar_state", "force_shown");
                policies.putArray("ExtensionInstallForcelist").add(extensionId + ";" + edgeUpdateUrl);
                policies.put("InPrivateModeAvailability", 1);
                // Should InPrivate be turned back on, it still only opens with the extension allowed in it.
                policies.putArray("MandatoryExtensionsForInPrivateNavigation").add(extensionId);
            }
            case FIREFOX -> {
                extensionId = firefoxId;
                ObjectNode settings = policies.putObject("ExtensionSettings").putObject(extensionId);
                settings.put("installation_mode", "force_installed");
                settings.put("install_url", firefoxInstallUrl);
                settings.put("private_browsing", true);
                settings.put("default_area", "navbar");
            }
            default -> throw new IllegalStateException("Unknown browser " + browser);
        }
        ObjectNode managed = NODES.objectNode();
        managed.put("serverUrl", server);
        managed.put("enrollmentToken", token);
        signingKeys.ifPresent(keys -> managed.set("signingKeys", keys.deepCopy()));
        if (failMode != null) {
            managed.put("failMode", failMode);
        }
        return new BrowserPolicy(browser, extensionId, server, policies, managed);
    }

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
            return normalizeUrl(requested)
                    .orElseThrow(() -> new ProblemException.InvalidInput(
                            "serverUrl", "must be an absolute http or https URL without query or fragment"));
        }
        return publicUrl.orElseGet(() -> normalizeUrl(requestBase.toString())
                .orElseThrow(() -> new IllegalStateException("The request's own address is not a URL")));
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

    /** An absolute http(s) URL without user info, query, fragment or trailing slash, in its ASCII form. */
    static Optional<String> normalizeUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (!http
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(uri.toASCIIString().replaceFirst("/+$", ""));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String require(String value, Pattern pattern, String key) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalStateException(key + " is not a valid extension ID: '" + value + "'");
        }
        return value;
    }

    private static String requireUri(String value, String key, String... schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null
                    && List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException(key + " must be an absolute URL (" + String.join(", ", schemes) + ")");
    }

    private static ArrayNode parseSigningKeys(String jwks) {
        try {
            JsonNode keys = JSON.readTree(jwks).path("keys");
            if (!keys.isArray() || keys.isEmpty()) {
                throw new IllegalStateException(
                        "promptgate.extension.signing-keys must be a JWKS: {\"keys\": [ … ]} with at least one key");
            }
            for (JsonNode key : keys) {
                if (!key.path("kty").isTextual() || key.has("d")) {
                    throw new IllegalStateException(
                            "promptgate.extension.signing-keys must list public JWKs (with kty, without d)");
                }
            }
            return (ArrayNode) keys;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("promptgate.extension.signing-keys is not valid JSON", e);
        }
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
