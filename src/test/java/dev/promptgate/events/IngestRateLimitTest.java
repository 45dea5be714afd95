package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptgate.api.ProblemException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestRateLimitTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** How many batches the token may send right now, up to {@code max}. */
    private static int allowed(IngestRateLimit limit, long token, int max) {
        for (int i = 0; i < max; i++) {
            try {
                limit.acquire(token);
            } catch (ProblemException.TooManyRequests refused) {
                return i;
            }
        }
        return max;
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aTokenMaySendABurstOfTenSecondsWorthThenIsRefusedWith429() {
        IngestRateLimit limit = new IngestRateLimit(60, now::get);
        assertEquals(10, allowed(limit, 1, 1000));
        var refused = assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1));
        assertEquals(429, refused.problem().status());
        assertEquals(1, refused.retryAfterSeconds());
    }

    @Test
    void theAllowanceRefillsAtTheConfiguredRateAndNoFaster() {
        IngestRateLimit limit = new IngestRateLimit(60, now::get);
        assertEquals(10, allowed(limit, 1, 1000));
        advance(Duration.ofSeconds(1));
        assertEquals(1, allowed(limit, 1, 1000));
        advance(Duration.ofSeconds(3));
        assertEquals(3, allowed(limit, 1, 1000));
        // A long pause refills the burst, not more.
        advance(Duration.ofMinutes(5));
        assertEquals(10, allowed(limit, 1, 1000));
    }

    @Test
    void retryAfterSaysHowLongUntilThereIsRoom() {
        IngestRateLimit limit = new IngestRateLimit(6, now::get);
        limit.acquire(1);
        var refused = assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1));
        assertEquals(10, refused.retryAfterSeconds());
        advance(Duration.ofSeconds(4));
        assertEquals(
                6,
                assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1))
                        .retryAfterSeconds());
    }

    @Test
    void everyTokenHasItsOwnAllowance() {
        IngestRateLimit limit = new IngestRateLimit(60, now::get);
        assertEquals(10, allowed(limit, 1, 1000));
        assertEquals(10, allowed(limit, 2, 1000));
        assertEquals(0, allowed(limit, 1, 1000));
    }

    @Test
    void zeroMeansNoLimit() {
        IngestRateLimit limit = new IngestRateLimit(0, now::get);
        assertEquals(10_000, allowed(limit, 1, 10_000));
    }

    @Test
    void idleTokensAreForgottenSoMemoryFollowsTheTokensSendingNow() {
        IngestRateLimit limit = new IngestRateLimit(60, now::get);
        for (long token = 0; token < 1000; token++) {
            limit.acquire(token);
        }
        assertEquals(1000, limit.trackedTokens());
        advance(IngestRateLimit.IDLE.plusSeconds(1));
        limit.acquire(5000);
        assertEquals(1, limit.trackedTokens());
    }
}
