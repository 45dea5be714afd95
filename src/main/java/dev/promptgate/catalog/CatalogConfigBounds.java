package dev.promptgate.catalog;

import dev.promptgate.config.ConfigBounds;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/** Stops the start when {@code promptgate.catalog.review-after-days} is out of bounds (see {@link ConfigBounds}). */
@ApplicationScoped
class CatalogConfigBounds {

    private final CatalogConfig config;

    CatalogConfigBounds(CatalogConfig config) {
        this.config = config;
    }

    void checkOnStart(@Observes @Priority(1) StartupEvent start) {
        ConfigBounds.refuse(problems(config));
    }

    static List<String> problems(CatalogConfig config) {
        List<String> problems = new ArrayList<>();
        ConfigBounds.between(problems, "promptgate.catalog.review-after-days", config.reviewAfterDays(), 1, 3650);
        return problems;
    }
}
