package dev.promptgate.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read strictly: nothing may follow the JSON document, no key may come twice in one object, and
 * no text may carry control characters
 * (other than tab and line breaks) or unpaired surrogates, which PostgreSQL refuses or silently replaces. Either
 * is a 400 that names the field, never a 500 or a changed value.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** What a 400 says of a field that holds such text. */
    public static final String UNSAFE_TEXT =
            "must not contain control characters (other than tab and line breaks) or unpaired surrogates";

    /** A text value with a character no field of the API accepts. */
    public static final class UnsafeText extends JsonMappingException {
        UnsafeText(JsonParser parser) {
            super(parser, "text with a control character or an unpaired surrogate");
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A key twice in one object is refused rather than the last one silently kept (and a record's field set
        // twice is otherwise a 500).
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("promptgate-strict-text").addDeserializer(String.class, new SafeText()));
    }

    private static final class SafeText extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text != null && !isSafe(text)) {
                throw new UnsafeText(p);
            }
            return text;
        }
    }

    /** Whether the text has no control character but tab, line feed and carriage return, and no lone surrogate. */
    public static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
