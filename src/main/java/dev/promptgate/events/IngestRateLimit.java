package dev.promptgate.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket (Bucket4j) per enrollment token, in memory: each replica allows {@code rate-limit-per-minute}
 * batches a minute per token, in bursts of up to ten seconds' worth. It keeps a leaked or runaway token from
 * flooding the database; with several replicas the limit applies to each of them.
 *
 * <p>Buckets live in a Caffeine cache that forgets a token idle for {@link #IDLE}: by then its bucket has refilled
 * completely (a full bucket takes ten seconds), so forgetting it changes no decision, and the memory held stays
 * proportional to the tokens sending right now rather than to every token ever seen.
 */
@ApplicationScoped
public class IngestRateLimit {

    /** How long a token's bucket is kept after its last batch; longer than a full refill takes. */
    static final Duration IDLE = Duration.ofMinutes(1);

    private final int perMinute;
    private final long capacity;
    private final TimeMeter time;
    private final Cache<Long, Bucket> buckets;

    @Inject
    IngestRateLimit(PromptgateConfig config) {
        this(config.events().rateLimitPerMinute(), System::nanoTime);
    }

    IngestRateLimit(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.capacity = Math.max(1, perMinute / 6);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(IDLE)
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run)
                .build();
    }

    /** Takes one batch from the token's allowance, or refuses with 429 and the seconds until there is room. */
    public void acquire(long tokenId) {
        if (perMinute <= 0) {
            return;
        }
        ConsumptionProbe probe = buckets.get(tokenId, id -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long waitNanos = probe.getNanosToWaitForRefill();
            int seconds = (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException.TooManyRequests(
                    "This enrollment token sent more than " + perMinute
                            + " batches a minute; send fewer, larger batches",
                    seconds);
        }
    }

    /** How many tokens have a bucket right now, after forgetting the idle ones. */
    long trackedTokens() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }
}
