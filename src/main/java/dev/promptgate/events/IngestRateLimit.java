package dev.promptgate.events;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per enrollment token, in memory: each replica allows {@code rate-limit-per-minute} batches a
 * minute per token, in bursts of up to ten seconds' worth. It keeps a leaked or runaway token from flooding the
 * database; with several replicas the limit applies to each of them.
 */
@ApplicationScoped
public class IngestRateLimit {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final int perMinute;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    IngestRateLimit(PromptgateConfig config) {
        this(config.events().rateLimitPerMinute(), System::nanoTime);
    }

    IngestRateLimit(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.capacity = Math.max(1.0, perMinute / 6.0);
        this.nanoTime = nanoTime;
    }

    /** Takes one batch from the token's allowance, or refuses with 429 and the seconds until there is room. */
    public void acquire(long tokenId) {
        if (perMinute <= 0) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(tokenId, id -> new Bucket(capacity, nanoTime.getAsLong()));
        long waitNanos = bucket.take(nanoTime.getAsLong());
        if (waitNanos > 0) {
            int seconds = (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException.TooManyRequests(
                    "This enrollment token sent more than " + perMinute
                            + " batches a minute; send fewer, larger batches",
                    seconds);
        }
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        /** Takes a token and returns 0, or returns how long until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * (double) perMinute / NANOS_PER_MINUTE);
            updatedAt = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return 0;
            }
            return (long) Math.ceil((1.0 - tokens) * NANOS_PER_MINUTE / perMinute);
        }
    }
}
