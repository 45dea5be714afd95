package dev.promptgate.policy.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How policy documents are written and read: JSON and YAML with the same rules as the rest of the API (unknown
 * fields are errors), absent values left out, map keys sorted, so that the same policy always gives the same
 * bytes. The ETag is a hash of the canonical (compact) JSON, whichever format is sent.
 */
@ApplicationScoped
public class PolicyDocumentCodec {

    public static final String APPLICATION_YAML = "application/yaml";

    private final ObjectMapper canonical;
    private final ObjectWriter prettyJson;
    private final ObjectMapper yaml;

    PolicyDocumentCodec(ObjectMapper json) {
        canonical = json.copy()
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        // The same line ends on every platform, so that a file written anywhere hashes and diffs alike.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        prettyJson = canonical.writer(new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter));
        yaml = canonical
                .copyWith(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                        .build())
                // YAML forbids a key twice in one mapping; silently keeping the last one would hide a mistake.
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The strong ETag of a document, quoted: a SHA-256 of its canonical JSON. */
    public String etag(PolicyDocument document) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(document));
            return "\"" + HexFormat.of().formatHex(hash) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The document as the audit log keeps it: the same tree as the canonical JSON. */
    JsonNode tree(PolicyDocument document) {
        return canonical.valueToTree(document);
    }

    /** A document or apply result as the API writes it in JSON. */
    public byte[] writeJson(Object value) throws IOException {
        return prettyJson.writeValueAsBytes(value);
    }

    /** A document or apply result as the API writes it in YAML. */
    public byte[] writeYaml(Object value) throws IOException {
        return yaml.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** A document sent as YAML, read as the API reads it. */
    public PolicyDocument readYaml(InputStream in) throws IOException {
        return yaml.readValue(in, PolicyDocument.class);
    }
}
