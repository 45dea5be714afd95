package dev.promptgate.catalog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.promptgate.api.Versioned;
import java.util.List;

/** An AI service as the API shows it: its definition plus what Promptgate knows about the entry itself. */
public record AiServiceView(
        String key,
        @JsonUnwrapped ServiceDefinition definition,
        boolean builtIn,
        Integer catalogRevision,
        List<String> customizedFields,
        long version)
        implements Versioned {

    public static AiServiceView of(AiService s) {
        return new AiServiceView(
                s.key,
                ServiceDefinition.of(s),
                s.builtIn,
                s.catalogRevision,
                List.copyOf(s.customizedFields),
                s.version);
    }
}
