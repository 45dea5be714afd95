package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    @ParameterizedTest
    @CsvSource({
        "chatgpt.com, chatgpt.com",
        "ChatGPT.COM, chatgpt.com",
        "chat.openai.com:443, chat.openai.com",
        "gemini.google.com., gemini.google.com",
        "bücher.example, xn--bcher-kva.example",
        "xn--bcher-kva.example, xn--bcher-kva.example",
        "intranet-ai, intranet-ai",
        "10.0.0.7:8080, 10.0.0.7",
        "'[::1]:8443', '[::1]'",
        "'[2001:DB8::1]', '[2001:db8::1]'"
    })
    void bareHostsAreStoredInTheirNormalForm(String raw, String stored) {
        assertEquals(stored, HostNames.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "https://chatgpt.com",
                "chatgpt.com/c/123",
                "chatgpt.com?q=1",
                "chatgpt.com#top",
                "user@chatgpt.com",
                "user:pass@chatgpt.com",
                "chat gpt.com",
                "chatgpt.com\t",
                "chatgpt.com\\evil",
                "chatgpt.com:99999",
                "chatgpt.com:http",
                "chatgpt.com:80:80",
                "-chatgpt.com",
                "chat..gpt.com",
                "chat_gpt.com",
                "%63hatgpt.com",
                "[::1",
                "[not-an-address]"
            })
    void anythingMoreThanAHostIsRefused(String raw) {
        assertThrows(IllegalArgumentException.class, () -> HostNames.normalize(raw));
    }

    @org.junit.jupiter.api.Test
    void aHostLongerThanDnsAllowsIsRefused() {
        String longHost = ("a".repeat(60) + ".").repeat(5) + "example";
        assertThrows(IllegalArgumentException.class, () -> HostNames.normalize(longHost));
    }
}
