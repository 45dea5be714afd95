package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a policy as a macOS configuration profile (an XML property list) with two payloads: the browser's
 * policies in its own preference domain, and the extension's managed configuration in
 * {@code <domain>.extensions.<id>}, which is where Chrome and Edge on macOS read it (a {@code 3rdparty} key has
 * no effect there). Identifiers and UUIDs derive from the server URL and the browser, so a profile fetched again
 * (say, with a new enrollment token) replaces the installed one instead of adding a second.
 */
final class MobileConfig {

    private static final String DOCTYPE = "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
            + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">";
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

    /** A JSON tree as an XML property list; the XML writer does all escaping. */
    static String plist(JsonNode root) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeDTD(DOCTYPE);
            xml.writeCharacters("\n");
            xml.writeStartElement("plist");
            xml.writeAttribute("version", "1.0");
            xml.writeCharacters("\n");
            write(xml, root, 0);
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter xml, JsonNode node, int depth) throws XMLStreamException {
        if (node.isObject()) {
            xml.writeStartElement("dict");
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                indent(xml, depth + 1);
                element(xml, "key", entry.getKey());
                indent(xml, depth + 1);
                write(xml, entry.getValue(), depth + 1);
            }
            indent(xml, depth);
            xml.writeEndElement();
        } else if (node.isArray()) {
            xml.writeStartElement("array");
            for (JsonNode item : node) {
                indent(xml, depth + 1);
                write(xml, item, depth + 1);
            }
            indent(xml, depth);
            xml.writeEndElement();
        } else if (node.isTextual()) {
            element(xml, "string", node.textValue());
        } else if (node.isIntegralNumber()) {
            element(xml, "integer", node.asText());
        } else if (node.isBoolean()) {
            xml.writeEmptyElement(node.booleanValue() ? "true" : "false");
        } else {
            throw new IllegalArgumentException("No property-list form for a JSON " + node.getNodeType());
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
