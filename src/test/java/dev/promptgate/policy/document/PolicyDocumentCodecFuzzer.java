package dev.promptgate.policy.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.promptgate.api.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzz target (Jazzer) for the policy document codec on YAML, the format policy-as-code files are
 * written in: any bytes are a document or refused as malformed (a 400), never another exception, and a document read is
 * written and read back to the same document. The mapper is configured as the server's (unknown fields refused, strict
 * text, nothing after the document). Seeds and past findings: src/test/fuzz/PolicyDocumentCodecFuzzer/; run by {@code
 * ./mvnw verify} for a short while, longer on demand (docs/reliability.md).
 */
public final class PolicyDocumentCodecFuzzer {

    private static final PolicyDocumentCodec CODEC = new PolicyDocumentCodec(serverLikeMapper());

    private static ObjectMapper serverLikeMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(mapper);
        return mapper;
    }

    private PolicyDocumentCodecFuzzer() {}

    public static void fuzzerTestOneInput(byte[] yaml) throws IOException {
        PolicyDocument document;
        try {
            document = CODEC.readYaml(new ByteArrayInputStream(yaml));
        } catch (JacksonException refused) {
            return;
        }
        if (document == null) {
            return;
        }
        PolicyDocument again = CODEC.readYaml(new ByteArrayInputStream(CODEC.writeYaml(document)));
        assertEquals(document, again, "what is written reads back the same");
    }
}
