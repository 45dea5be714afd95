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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Token buckets (Bucket4j), in memory on each replica, at three levels, so that one organization-wide enrollment
 * token can serve a whole fleet while a single runaway browser is throttled alone (docs/adr/0015-verified-events.md):
 *
 * <ul>
 *   <li>per browser install, keyed by the enrollment token and the device id its events carry: batches a minute;
 *   <li>per person, when the batch came with a verified identity: batches a minute, from all their browsers;
 *   <li>per enrollment token: events a minute, from all its browsers together. This ceiling is sized for a fleet and
 *       bounds what a leaked token can store.
 * </ul>
 *
 * <p>The narrower limits are checked first, and a refused batch costs nothing at any level: a batch refused for its
 * device takes nothing from its token's ceiling, so a flooding browser does not use up its fleet's allowance. Buckets live in Caffeine caches that forget a
 * key idle for {@link #IDLE}: by then its bucket has refilled completely, so forgetting it changes no decision.
 */
@ApplicationScoped
public class IngestRateLimit {

    /** How long a bucket is kept after its last batch; longer than a full refill takes at every level. */
    static final Duration IDLE = Duration.ofMinutes(1);

    /** Most device buckets held; beyond it the least recent are forgotten (which only ever loosens the limit). */
    static final long MAX_DEVICES = 200_000;

    private record DeviceKey(long tokenId, String deviceId) {}

    private final Level<DeviceKey> devices;
    private final Level<String> people;
    private final Level<Long> tokens;

    @Inject
    IngestRateLimit(PromptgateConfig config) {
        this(
                config.events().deviceBatchesPerMinute(),
                config.events().personBatchesPerMinute(),
                config.events().tokenEventsPerMinute(),
                System::nanoTime);
    }

    IngestRateLimit(
            int deviceBatchesPerMinute, int personBatchesPerMinute, int tokenEventsPerMinute, LongSupplier nanoTime) {
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.devices = new Level<>(
                deviceBatchesPerMinute, Math.max(1, deviceBatchesPerMinute / 3), MAX_DEVICES, time, nanoTime);
        this.people = new Level<>(
                personBatchesPerMinute, Math.max(1, personBatchesPerMinute / 3), MAX_DEVICES, time, nanoTime);
        this.tokens = new Level<>(tokenEventsPerMinute, Math.max(1, tokenEventsPerMinute / 6), 100_000, time, nanoTime);
    }

    /**
     * Takes one batch of {@code events} events from the allowance of each device it names, of its person (null when
     * no verified identity came with it) and of its token; or refuses with 429 and the seconds until there is room.
     */
    public void acquire(long tokenId, Collection<String> deviceIds, String person, int events) {
        List<Runnable> refunds = new ArrayList<>(deviceIds.size() + 1);
        try {
            for (String deviceId : deviceIds) {
                refunds.add(devices.take(
                        new DeviceKey(tokenId, deviceId), 1, "This browser sent more than %d batches a minute"));
            }
            if (person != null) {
                refunds.add(people.take(person, 1, "This person's browsers sent more than %d batches a minute"));
            }
            tokens.take(
                    tokenId,
                    events,
                    "This enrollment token's browsers sent more than %d events a minute together; try again later");
        } catch (ProblemException.TooManyRequests refused) {
            // A refused batch costs nothing: what the narrower levels took is given back.
            refunds.forEach(Runnable::run);
            throw refused;
        }
    }

    /** How many devices have a bucket right now, after forgetting the idle ones. */
    long trackedDevices() {
        return devices.size();
    }

    /** One level of limits: a bucket per key, refilled at {@code perMinute}, holding up to {@code capacity}. */
    private static final class Level<K> {

        private final int perMinute;
        private final long capacity;
        private final TimeMeter time;
        private final Cache<K, Bucket> buckets;

        Level(int perMinute, long capacity, long maxKeys, TimeMeter time, LongSupplier nanoTime) {
            this.perMinute = perMinute;
            this.capacity = Math.min(capacity, Math.max(1, perMinute));
            this.time = time;
            this.buckets = Caffeine.newBuilder()
                    .expireAfterAccess(IDLE)
                    .maximumSize(maxKeys)
                    .ticker(nanoTime::getAsLong)
                    .executor(Runnable::run)
                    .build();
        }

        /** Takes {@code amount} from the key's bucket and returns how to give it back; or refuses with 429. */
        Runnable take(K key, long amount, String message) {
            if (perMinute <= 0) {
                return () -> {};
            }
            // A single batch larger than the whole bucket is charged the bucket, never refused for ever.
            long charged = Math.max(1, Math.min(amount, capacity));
            Bucket bucket = buckets.get(key, k -> newBucket());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(charged);
            if (!probe.isConsumed()) {
                long waitNanos = probe.getNanosToWaitForRefill();
                int seconds = (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                throw new ProblemException.TooManyRequests(message.formatted(perMinute), seconds);
            }
            return () -> bucket.addTokens(charged);
        }

        long size() {
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
}
