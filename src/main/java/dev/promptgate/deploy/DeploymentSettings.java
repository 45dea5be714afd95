package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptgate.config.PromptgateConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The extension's coordinates and the server's public address, checked once when the server starts so that a typo
 * in an extension ID or URL stops the server rather than producing documents that silently install nothing.
 */
record DeploymentSettings(
        String chromeId,
        String edgeId,
        String firefoxId,
        Optional<String> chromeUpdateUrl,
        Optional<String> edgeUpdateUrl,
        Optional<String> firefoxInstallUrl,
        Optional<String> publicUrl,
        Optional<ArrayNode> signingKeys,
        Optional<String> oidcIssuer,
        Optional<String> oidcClientId,
        Optional<String> oidcScope) {

    private static final Pattern CHROMIUM_EXTENSION_ID = Pattern.compile("[a-p]{32}");
    private static final Pattern GECKO_ADDON_ID =
            Pattern.compile("[A-Za-z0-9._+-]*@[A-Za-z0-9._-]+|\\{[0-9A-Fa-f-]{36}\\}");
    private static final ObjectMapper JSON = new ObjectMapper();

    static DeploymentSettings of(PromptgateConfig config) {
        PromptgateConfig.Extension extension = config.extension();
        String chromeId = require(extension.id(), CHROMIUM_EXTENSION_ID, "promptgate.extension.id");
        return new DeploymentSettings(
                chromeId,
                require(extension.edgeId().orElse(chromeId), CHROMIUM_EXTENSION_ID, "promptgate.extension.edge-id"),
                require(extension.firefoxId(), GECKO_ADDON_ID, "promptgate.extension.firefox-id"),
                extension
                        .chromeUpdateUrl()
                        .map(url -> requireUri(url, "promptgate.extension.chrome-update-url", "https", "http")),
                extension
                        .edgeUpdateUrl()
                        .map(url -> requireUri(url, "promptgate.extension.edge-update-url", "https", "http")),
                extension
                        .firefoxInstallUrl()
                        .map(url ->
                                requireUri(url, "promptgate.extension.firefox-install-url", "https", "http", "file")),
                config.publicUrl().map(url -> normalizeUrl(url)
                        .orElseThrow(() -> new IllegalStateException("promptgate.public-url must be an absolute http"
                                + " or https URL without query or fragment"))),
                extension.signingKeys().map(DeploymentSettings::parseSigningKeys),
                extension
                        .oidcIssuer()
                        .map(issuer -> requireUri(issuer, "promptgate.extension.oidc-issuer", "https", "http")),
                extension.oidcClientId().map(String::strip).filter(id -> !id.isEmpty()),
                extension.oidcScope().map(String::strip).filter(scope -> !scope.isEmpty()));
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

    /** The public keys of a JWKS, read by jose4j; a private or symmetric key is refused, never passed on. */
    static ArrayNode parseSigningKeys(String jwks) {
        List<JsonWebKey> keys;
        try {
            keys = new JsonWebKeySet(jwks).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw new IllegalStateException("promptgate.extension.signing-keys is not a valid JWKS", e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(
                    "promptgate.extension.signing-keys must be a JWKS: {\"keys\": [ … ]} with at least one key");
        }
        ArrayNode result = JSON.createArrayNode();
        for (JsonWebKey key : keys) {
            if (!(key instanceof PublicJsonWebKey publicKey) || publicKey.getPrivateKey() != null) {
                throw new IllegalStateException(
                        "promptgate.extension.signing-keys must list public JWKs (EC, RSA or OKP, without d)");
            }
            result.add(JSON.valueToTree(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        }
        return result;
    }
}
