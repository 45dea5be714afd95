package dev.promptgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegFileTest {

    @Test
    void plainTextIsOnlyQuoted() {
        assertEquals("\"https://promptgate.example.com\"", RegFile.quote("https://promptgate.example.com"));
        assertEquals("\"\"", RegFile.quote(""));
    }

    @Test
    void backslashesAndQuotesAreEscaped() {
        assertEquals("\"C:\\\\Program Files\\\\x\"", RegFile.quote("C:\\Program Files\\x"));
        assertEquals("\"say \\\"hi\\\"\"", RegFile.quote("say \"hi\""));
    }

    @Test
    void jsonWithEscapesInsideSurvivesARoundTrip() {
        String json = "{\"a\":\"x\\\"y\\\\z\"}";
        String quoted = RegFile.quote(json);
        assertEquals("\"{\\\"a\\\":\\\"x\\\\\\\"y\\\\\\\\z\\\"}\"", quoted);
        assertEquals(json, unquote(quoted));
    }

    @Test
    void lineBreaksAndControlCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RegFile.quote("a\r\n\"Injected\"=\"1\""));
        assertThrows(IllegalArgumentException.class, () -> RegFile.quote("tab\there"));
        assertThrows(IllegalArgumentException.class, () -> RegFile.quote("nul\0"));
    }

    @Test
    void nonAsciiIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RegFile.quote("café"));
    }

    @Test
    void listsBecomeNumberedSubkeysAndObjectsAJsonString() {
        ObjectNode policies = JsonNodeFactory.instance.objectNode();
        policies.putObject("ExtensionSettings").putObject("id").put("note", "ü \"q\"");
        policies.putArray("ExtensionInstallForcelist").add("a;u").add("b;u");
        policies.put("IncognitoModeAvailability", 1);
        ObjectNode managed = JsonNodeFactory.instance.objectNode().put("serverUrl", "https://s");
        managed.putArray("signingKeys").addObject().put("kty", "EC");

        String reg = RegFile.render(
                new BrowserPolicy(Browser.CHROME, "id", "https://s", policies, managed), List.of("a comment"));

        String root = "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]";
        assertTrue(reg.startsWith(RegFile.HEADER + "\r\n\r\n; a comment\r\n"), reg);
        assertTrue(
                reg.contains(root + "\r\n\"ExtensionSettings\"="
                        + "\"{\\\"id\\\":{\\\"note\\\":\\\"\\\\u00FC \\\\\\\"q\\\\\\\"\\\"}}\"\r\n"
                        + "\"IncognitoModeAvailability\"=dword:00000001\r\n"),
                reg);
        assertTrue(
                reg.contains("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist]\r\n"
                        + "\"1\"=\"a;u\"\r\n\"2\"=\"b;u\"\r\n"),
                reg);
        assertTrue(
                reg.contains(
                        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\id\\policy]"
                                + "\r\n\"serverUrl\"=\"https://s\"\r\n\"signingKeys\"=\"[{\\\"kty\\\":\\\"EC\\\"}]\"\r\n"),
                reg);
        assertTrue(reg.endsWith("\r\n\r\n"));
        assertTrue(reg.replace("\r\n", "").indexOf('\n') < 0, "every line ends in CRLF");
    }

    /** How regedit reads a quoted string value. */
    static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
