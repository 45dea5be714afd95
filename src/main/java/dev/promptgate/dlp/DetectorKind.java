package dev.promptgate.dlp;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a detector's rules come from. */
public enum DetectorKind {
    BUILTIN("builtin"),
    KEYWORDS("keywords"),
    REGEX("regex");

    private final String json;

    DetectorKind(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
