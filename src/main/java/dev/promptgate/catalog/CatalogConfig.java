package dev.promptgate.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the AI-service catalog ({@code promptgate.catalog.*}), their bounds checked by {@link CatalogConfigBounds}. */
@ConfigMapping(prefix = "promptgate.catalog")
public interface CatalogConfig {

    /** How many days after its review date a catalog fact is listed as due for review again (1 to 3650). */
    @WithDefault("90")
    int reviewAfterDays();
}
