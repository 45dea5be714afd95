package dev.promptgate.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds of the {@code promptgate.events.*} settings. A value out of bounds stops the server when it starts,
 * before any other start-up work, naming each setting and what is allowed. Checked here rather than with Bean
 * Validation annotations on the mapping, which would make Quarkus build validation metadata for the configuration
 * classes of every extension on each start (docs/performance.md, "Startup and memory").
 */
@ApplicationScoped
public class ConfigBounds {

    static final int MIN_USER_HASH_SECRET_LENGTH = 32;

    private final PromptgateConfig config;

    ConfigBounds(PromptgateConfig config) {
        this.config = config;
    }

    void checkOnStart(@Observes @Priority(1) StartupEvent start) {
        refuse(problems(config.events()));
    }

    /** Stops the start when there are problems. */
    public static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid configuration: " + String.join("; ", problems));
        }
    }

    /** What is wrong with these settings; empty when they are all within bounds. */
    static List<String> problems(PromptgateConfig.Events events) {
        List<String> problems = new ArrayList<>();
        between(problems, "promptgate.events.retention-days", events.retentionDays(), 1, 3650);
        between(problems, "promptgate.events.max-batch", events.maxBatch(), 1, 10000);
        between(problems, "promptgate.events.device-batches-per-minute", events.deviceBatchesPerMinute(), 0, null);
        between(problems, "promptgate.events.person-batches-per-minute", events.personBatchesPerMinute(), 0, null);
        between(problems, "promptgate.events.token-events-per-minute", events.tokenEventsPerMinute(), 0, null);
        between(problems, "promptgate.events.partitions-ahead", events.partitionsAhead(), 2, 60);
        between(problems, "promptgate.events.writers", events.writers(), 1, 32);
        events.userHashSecret()
                .filter(secret -> secret.length() < MIN_USER_HASH_SECRET_LENGTH)
                .ifPresent(secret -> problems.add("promptgate.events.user-hash-secret must be at least "
                        + MIN_USER_HASH_SECRET_LENGTH + " characters long, not " + secret.length()));
        return problems;
    }

    /** Adds a problem when {@code value} is below {@code min} or above {@code max} (null: no maximum). */
    public static void between(List<String> problems, String name, int value, int min, Integer max) {
        if (value < min || (max != null && value > max)) {
            problems.add(name + " must be " + (max == null ? "at least " + min : "from " + min + " to " + max)
                    + ", not " + value);
        }
    }
}
