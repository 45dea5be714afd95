package dev.promptgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigBoundsTest {

    record Events(
            int retentionDays,
            Optional<String> userHashSecret,
            int maxBatch,
            int deviceBatchesPerMinute,
            int personBatchesPerMinute,
            int tokenEventsPerMinute,
            int partitionsAhead,
            Duration rollupInterval,
            int writers)
            implements PromptgateConfig.Events {

        static Events defaults() {
            return new Events(90, Optional.empty(), 500, 60, 120, 300000, 7, Duration.ofMinutes(1), 2);
        }
    }

    @Test
    void theDefaultsAndTheEdgesOfEachRangeAreAccepted() {
        assertEquals(List.of(), ConfigBounds.problems(Events.defaults()));
        assertEquals(
                List.of(),
                ConfigBounds.problems(
                        new Events(1, Optional.of("x".repeat(32)), 1, 0, 0, 0, 2, Duration.ofMinutes(1), 1)));
        assertEquals(
                List.of(),
                ConfigBounds.problems(new Events(
                        3650,
                        Optional.empty(),
                        10000,
                        1_000_000,
                        1_000_000,
                        1_000_000,
                        60,
                        Duration.ofSeconds(1),
                        32)));
    }

    @Test
    void everySettingOutOfItsRangeIsNamedWithWhatIsAllowed() {
        var problems = ConfigBounds.problems(
                new Events(0, Optional.of("x".repeat(31)), 10001, -1, -1, -1, 1, Duration.ofMinutes(1), 33));
        assertEquals(
                List.of(
                        "promptgate.events.retention-days must be from 1 to 3650, not 0",
                        "promptgate.events.max-batch must be from 1 to 10000, not 10001",
                        "promptgate.events.device-batches-per-minute must be at least 0, not -1",
                        "promptgate.events.person-batches-per-minute must be at least 0, not -1",
                        "promptgate.events.token-events-per-minute must be at least 0, not -1",
                        "promptgate.events.partitions-ahead must be from 2 to 60, not 1",
                        "promptgate.events.writers must be from 1 to 32, not 33",
                        "promptgate.events.user-hash-secret must be at least 32 characters long, not 31"),
                problems);
        assertEquals(
                List.of("promptgate.events.retention-days must be from 1 to 3650, not 3651"),
                ConfigBounds.problems(new Events(3651, Optional.empty(), 500, 60, 120, 300000, 7, Duration.ZERO, 2)));
    }
}
