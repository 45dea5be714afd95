package dev.promptgate.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of the AI-service catalog ({@code promptgate.catalog.*}). */
@ConfigMapping(prefix = "promptgate.catalog")
public interface CatalogConfig {

    /** How many days after its review date a catalog fact is listed as due for review again. */
    @WithDefault("90")
    @Min(1)
    @Max(3650)
    int reviewAfterDays();
}
