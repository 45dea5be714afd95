package dev.promptgate.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a policy as a Windows registry file ({@code .reg}, version 5.00), the form Group Policy and Intune
 * scripts import. Chrome and Edge read a list policy from a subkey with values {@code 1}, {@code 2}, …, and a
 * dictionary policy from one string value holding JSON. The extension's configuration goes under
 * {@code 3rdparty\extensions\<id>\policy}.
 */
final class RegFile {

    static final String HEADER = "Windows Registry Editor Version 5.00";
    private static final String CRLF = "\r\n";

    /** Compact JSON with non-ASCII characters escaped, so that the file stays ASCII. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private RegFile() {}

    static String render(BrowserPolicy policy, List<String> comments) {
        String root = policy.browser().registryKey();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("");
        comments.forEach(comment -> lines.add("; " + comment));
        lines.add("");

        List<Map.Entry<String, JsonNode>> lists = new ArrayList<>();
        lines.add("[" + root + "]");
        for (Map.Entry<String, JsonNode> entry : policy.policies().properties()) {
            if (isStringList(entry.getValue())) {
                lists.add(entry);
            } else {
                lines.add(value(entry.getKey(), entry.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> list : lists) {
            lines.add("");
            lines.add("[" + root + "\\" + list.getKey() + "]");
            for (int i = 0; i < list.getValue().size(); i++) {
                lines.add(quote(String.valueOf(i + 1)) + "="
                        + quote(list.getValue().get(i).asText()));
            }
        }
        lines.add("");
        lines.add("[" + root + "\\3rdparty\\extensions\\" + policy.extensionId() + "\\policy]");
        for (Map.Entry<String, JsonNode> setting : policy.managedConfig().properties()) {
            lines.add(value(setting.getKey(), setting.getValue()));
        }
        return String.join(CRLF, lines) + CRLF + CRLF;
    }

    /**
     * A string as a .reg file spells it between double quotes: backslash and double quote escaped. Refuses line
     * breaks and other control characters (a REG_SZ line cannot hold them) and non-ASCII characters (regedit reads
     * a file without byte-order mark in the ANSI code page, which would garble them).
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(String.format(
                        "A .reg string value cannot hold the character U+%04X (at index %d)", (int) c, i));
            }
            if (c == '\\' || c == '"') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** A value line: integers and booleans as REG_DWORD, strings as REG_SZ, anything else as its JSON in a REG_SZ. */
    private static String value(String name, JsonNode node) {
        String data;
        if (node.isBoolean()) {
            data = dword(node.asBoolean() ? 1 : 0);
        } else if (node.isIntegralNumber()) {
            data = dword(node.intValue());
        } else if (node.isTextual()) {
            data = quote(node.textValue());
        } else {
            data = quote(toJson(node));
        }
        return quote(name) + "=" + data;
    }

    private static String dword(int value) {
        return String.format("dword:%08x", value);
    }

    private static boolean isStringList(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }
}
