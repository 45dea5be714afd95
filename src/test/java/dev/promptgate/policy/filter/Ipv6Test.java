package dev.promptgate.policy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 literals come out as the URL Standard serializes them, so that filters and URLs compare equal. */
class Ipv6Test {

    @ParameterizedTest
    @CsvSource({
        "[::1], [::1]",
        "[0:0:0:0:0:0:0:1], [::1]",
        "[ABCD:0000:0:0:1:0:0:2], [abcd::1:0:0:2]",
        "[1:0:0:2:0:0:0:3], [1:0:0:2::3]",
        "[1:2:3:4:5:6:7::], [1:2:3:4:5:6:7:0]",
        "[1:0:2:3:4:5:6:7], [1:0:2:3:4:5:6:7]",
        "[::], [::]",
        "[::ffff:1.2.3.4], [::ffff:102:304]",
        "[::FFFF:255.255.0.10], [::ffff:ffff:a]",
        "[::1.2.3.4], [::102:304]",
        "[64:ff9b::192.0.2.33], [64:ff9b::c000:221]"
    })
    void writesTheCanonicalForm(String literal, String canonical) {
        assertEquals(canonical, Ipv6.canonical(literal));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[1.2.3.4]",
                "[fe80::1%eth0]",
                "[1::2::3]",
                "[::01.2.3.4]",
                "[::1.2.3.256]",
                "[1:2:3:4:5:6:7:8:9]",
                "[1:2:3:4:5:6:7:8::]",
                "[12345::]",
                "[::g]",
                "[]",
                "::1",
                "[::1"
            })
    void refusesWhatIsNotAnIpv6Literal(String literal) {
        assertNull(Ipv6.canonical(literal));
    }
}
