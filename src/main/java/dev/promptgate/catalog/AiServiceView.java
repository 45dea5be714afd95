package dev.promptgate.catalog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.promptgate.api.Versioned;
import java.util.List;

/**
 * An AI service as the API shows it: its definition plus what Promptgate knows about the entry itself.
 * {@code unverifiedFacts} names the data-policy facts not backed by the vendor's own page.
 */
public record AiServiceView(
        String key,
        @JsonUnwrapped ServiceDefinition definition,
        boolean builtIn,
        Integer catalogRevision,
        List<String> customizedFields,
        List<String> unverifiedFacts,
        long version)
        implements Versioned {

    public static AiServiceView of(AiService s) {
        return new AiServiceView(
                s.key,
                ServiceDefinition.of(s),
                s.builtIn,
                s.catalogRevision,
                List.copyOf(s.customizedFields),
                s.unverifiedFacts(),
                s.version);
    }
}
