package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptgate.api.ProblemException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestRateLimitTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aTokenMaySendABurstOfTenSecondsWorthThenWaits() {
        IngestRateLimit limit = new IngestRateLimit(60, now::get);
        for (int i = 0; i < 10; i++) {
            assertDoesNotThrow(() -> limit.acquire(1));
        }
        var refused = assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1));
        assertEquals(429, refused.problem().status());
        assertEquals(1, refused.retryAfterSeconds());

        now.addAndGet(1_000_000_000L);
        assertDoesNotThrow(() -> limit.acquire(1));
        assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1));
    }

    @Test
    void retryAfterSaysHowLongUntilThereIsRoom() {
        IngestRateLimit limit = new IngestRateLimit(6, now::get);
        limit.acquire(1);
        var refused = assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1));
        assertEquals(10, refused.retryAfterSeconds());
    }

    @Test
    void everyTokenHasItsOwnAllowance() {
        IngestRateLimit limit = new IngestRateLimit(6, now::get);
        limit.acquire(1);
        assertDoesNotThrow(() -> limit.acquire(2));
    }

    @Test
    void zeroMeansNoLimit() {
        IngestRateLimit limit = new IngestRateLimit(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            limit.acquire(1);
        }
    }
}
