package dev.promptgate.deploy;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a policy as a macOS configuration profile (an XML property list) with two payloads: the browser's
 * policies in its own preference domain, and the extension's managed configuration in
 * {@code <domain>.extensions.<id>}, which is where Chrome and Edge on macOS read it (a {@code 3rdparty} key has
 * no effect there). Identifiers and UUIDs derive from the server URL and the browser, so a profile fetched again
 * (say, with a new enrollment token) replaces the installed one instead of adding a second.
 */
final class MobileConfig {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MobileConfig() {}

    static String render(BrowserPolicy policy, String description) {
        Browser browser = policy.browser();
        String identifier = "dev.promptgate.deploy." + browser.pathName() + "." + uuid(policy, "profile");

        ObjectNode browserPayload = payload(
                browser.macDomain(),
                identifier + ".browser",
                uuid(policy, "browser"),
                browser.displayName() + " policies");
        browserPayload.setAll(policy.policies());

        ObjectNode extensionPayload = payload(
                browser.macDomain() + ".extensions." + policy.extensionId(),
                identifier + ".extension",
                uuid(policy, "extension"),
                "Promptgate extension configuration");
        extensionPayload.setAll(policy.managedConfig());

        ObjectNode profile = NODES.objectNode();
        profile.putArray("PayloadContent").add(browserPayload).add(extensionPayload);
        profile.put("PayloadDescription", description);
        profile.put("PayloadDisplayName", "Promptgate for " + browser.displayName());
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadOrganization", "Promptgate");
        profile.put("PayloadScope", "System");
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadUUID", uuid(policy, "profile"));
        profile.put("PayloadVersion", 1);
        return plist(profile);
    }

    private static ObjectNode payload(String type, String identifier, String uuid, String displayName) {
        ObjectNode payload = NODES.objectNode();
        payload.put("PayloadType", type);
        payload.put("PayloadIdentifier", identifier);
        payload.put("PayloadUUID", uuid);
        payload.put("PayloadDisplayName", displayName);
        payload.put("PayloadVersion", 1);
        payload.put("PayloadEnabled", true);
        return payload;
    }

    /** A name-based UUID: the same server, browser and part always give the same one. */
    private static String uuid(BrowserPolicy policy, String part) {
        String name =
                "promptgate|" + policy.serverUrl() + "|" + policy.browser().pathName() + "|" + part;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                .toString()
                .toUpperCase(Locale.ROOT);
    }

    /** A JSON tree as an XML property list, written by dd-plist (which does all escaping). */
    static String plist(JsonNode root) {
        return toPlist(root).toXMLPropertyList();
    }

    private static NSObject toPlist(JsonNode node) {
        if (node.isObject()) {
            NSDictionary dict = new NSDictionary();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                dict.put(entry.getKey(), toPlist(entry.getValue()));
            }
            return dict;
        }
        if (node.isArray()) {
            NSArray array = new NSArray(node.size());
            for (int i = 0; i < node.size(); i++) {
                array.setValue(i, toPlist(node.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            return new NSString(node.textValue());
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new NSNumber(node.longValue());
        }
        if (node.isBoolean()) {
            return new NSNumber(node.booleanValue());
        }
        throw new IllegalArgumentException("No property-list form for a JSON " + node.getNodeType());
    }
}
