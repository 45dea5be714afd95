package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.api.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestRateLimitTest {

    /** The defaults of promptgate.events.*: per device, per person, per token. */
    static final int DEVICE = 60;

    static final int PERSON = 120;
    static final int TOKEN_EVENTS = 300_000;

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    private IngestRateLimit limit(int device, int person, int tokenEvents) {
        return new IngestRateLimit(device, person, tokenEvents, now::get);
    }

    /** Whether one batch of {@code events} from this device (and person, or null) is let through. */
    private static boolean accepted(IngestRateLimit limit, long token, String device, String person, int events) {
        try {
            limit.acquire(token, Set.of(device), person, events);
            return true;
        } catch (ProblemException.TooManyRequests refused) {
            return false;
        }
    }

    /** How many one-event batches the device may send right now, up to {@code max}. */
    private static int allowed(IngestRateLimit limit, long token, String device, String person, int max) {
        for (int i = 0; i < max; i++) {
            if (!accepted(limit, token, device, person, 1)) {
                return i;
            }
        }
        return max;
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aDeviceMaySendABurstOfAThirdOfItsMinuteThenIsRefusedWith429() {
        IngestRateLimit limit = limit(60, 0, 0);
        assertEquals(20, allowed(limit, 1, "d1", null, 1000));
        var refused =
                assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1, Set.of("d1"), null, 1));
        assertEquals(429, refused.problem().status());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(refused.problem().detail().contains("This browser"));
    }

    @Test
    void theAllowanceRefillsAtTheConfiguredRateAndNoFaster() {
        IngestRateLimit limit = limit(60, 0, 0);
        assertEquals(20, allowed(limit, 1, "d1", null, 1000));
        advance(Duration.ofSeconds(1));
        assertEquals(1, allowed(limit, 1, "d1", null, 1000));
        advance(Duration.ofSeconds(3));
        assertEquals(3, allowed(limit, 1, "d1", null, 1000));
        // A long pause refills the burst, not more.
        advance(Duration.ofMinutes(5));
        assertEquals(20, allowed(limit, 1, "d1", null, 1000));
    }

    @Test
    void aDeviceIsKnownByItsTokenAndIdSoNoBrowserUsesUpAnothersAllowance() {
        IngestRateLimit limit = limit(60, 0, 0);
        assertEquals(20, allowed(limit, 1, "d1", null, 1000));
        assertEquals(20, allowed(limit, 1, "d2", null, 1000));
        // The same device id under another enrollment token is another browser.
        assertEquals(20, allowed(limit, 2, "d1", null, 1000));
        assertEquals(0, allowed(limit, 1, "d1", null, 1000));
    }

    @Test
    void aPersonsBrowsersShareThePersonsAllowance() {
        IngestRateLimit limit = limit(60, 30, 0);
        assertEquals(10, allowed(limit, 1, "laptop", "p1", 1000));
        assertEquals(0, allowed(limit, 1, "phone", "p1", 1000));
        assertEquals(10, allowed(limit, 1, "phone", "p2", 1000));
        // Refused batches cost the phone nothing; without a verified person only its own limit applies.
        assertEquals(10, allowed(limit, 1, "phone", null, 1000));
    }

    @Test
    void theTokenCeilingCountsEventsFromAllItsBrowsers() {
        IngestRateLimit limit = limit(60, 0, 600);
        // Bursts of ten seconds' worth: 100 events.
        assertTrue(accepted(limit, 1, "d1", null, 60));
        assertTrue(accepted(limit, 1, "d2", null, 40));
        var refused =
                assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1, Set.of("d3"), null, 1));
        assertTrue(refused.problem().detail().contains("enrollment token"));
        assertTrue(accepted(limit, 2, "d3", null, 1), "another token has its own ceiling");
        // A batch larger than the whole ceiling's burst is charged the burst, not refused for ever.
        advance(Duration.ofMinutes(1));
        assertTrue(accepted(limit, 1, "d1", null, 500));
    }

    @Test
    void aBatchRefusedForItsDeviceTakesNothingFromItsToken() {
        IngestRateLimit limit = limit(60, 0, 600);
        for (int i = 0; i < 20; i++) {
            assertTrue(accepted(limit, 1, "flood", null, 1));
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(!accepted(limit, 1, "flood", null, 1));
        }
        assertTrue(accepted(limit, 1, "quiet", null, 80), "the token's ceiling still has 80 events");
    }

    @Test
    void retryAfterSaysHowLongUntilThereIsRoom() {
        IngestRateLimit limit = limit(6, 0, 0);
        limit.acquire(1, Set.of("d1"), null, 1);
        limit.acquire(1, Set.of("d1"), null, 1);
        var refused =
                assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1, Set.of("d1"), null, 1));
        assertEquals(10, refused.retryAfterSeconds());
        advance(Duration.ofSeconds(4));
        assertEquals(
                6,
                assertThrows(ProblemException.TooManyRequests.class, () -> limit.acquire(1, Set.of("d1"), null, 1))
                        .retryAfterSeconds());
    }

    @Test
    void zeroMeansNoLimit() {
        IngestRateLimit limit = limit(0, 0, 0);
        assertEquals(10_000, allowed(limit, 1, "d1", "p1", 10_000));
    }

    @Test
    void idleDevicesAreForgottenSoMemoryFollowsTheBrowsersSendingNow() {
        IngestRateLimit limit = limit(60, 0, 0);
        for (int device = 0; device < 1000; device++) {
            limit.acquire(1, Set.of("d" + device), null, 1);
        }
        assertEquals(1000, limit.trackedDevices());
        advance(IngestRateLimit.IDLE.plusSeconds(1));
        limit.acquire(1, Set.of("d-new"), null, 1);
        assertEquals(1, limit.trackedDevices());
    }

    /**
     * The fleet the limits are sized for (docs/events-and-reports.md), on one replica with the default limits: 10,000
     * browsers share one enrollment token, each sending a batch of up to 10 events about once a minute at its own
     * moment, with now and then a browser that sends three batches in a few seconds (a busy page). Meanwhile one
     * browser of the same token floods: 200 batches a second. Over ten simulated minutes no browser of the fleet is
     * refused, and the flooding one is held to its own allowance.
     */
    @Test
    void tenThousandBrowsersSharingOneTokenAreNeverRefusedWhileOneFloodingBrowserIsThrottledAlone() {
        IngestRateLimit limit = limit(DEVICE, PERSON, TOKEN_EVENTS);
        Random random = new Random(42);
        int devices = 10_000;
        long minute = Duration.ofMinutes(1).toNanos();
        long start = now.get();
        // Every sending moment of the fleet and of the flooding browser over ten minutes, in time order.
        List<long[]> sends = new ArrayList<>();
        for (int device = 0; device < devices; device++) {
            long offset = (long) (random.nextDouble() * minute);
            for (int m = 0; m < 10; m++) {
                long at = start + m * minute + offset + (long) (random.nextGaussian() * 2e9);
                sends.add(new long[] {Math.max(start, at), device, 1 + random.nextInt(10)});
                if (random.nextInt(20) == 0) {
                    for (int extra = 1; extra <= 2; extra++) {
                        sends.add(new long[] {Math.max(start, at) + extra * 1_500_000_000L, device, 1});
                    }
                }
            }
        }
        long floodInterval = 5_000_000L;
        for (long at = start; at < start + 10 * minute; at += floodInterval) {
            sends.add(new long[] {at, -1, 50});
        }
        sends.sort((a, b) -> Long.compare(a[0], b[0]));
        int fleetBatches = 0;
        int fleetRefused = 0;
        int floodBatches = 0;
        int floodAccepted = 0;
        for (long[] send : sends) {
            now.set(send[0]);
            boolean flood = send[1] < 0;
            String device = flood ? "flood" : "device-" + send[1];
            String person = flood ? null : "person-" + send[1];
            boolean ok = accepted(limit, 7, device, person, (int) send[2]);
            if (flood) {
                floodBatches++;
                floodAccepted += ok ? 1 : 0;
            } else {
                fleetBatches++;
                fleetRefused += ok ? 0 : 1;
            }
        }
        assertTrue(fleetBatches > 100_000, "the fleet sent " + fleetBatches + " batches");
        assertEquals(0, fleetRefused, "batches of the fleet refused");
        assertEquals(120_000, floodBatches);
        // Its burst and then its refill: a batch a second, nothing more.
        assertTrue(floodAccepted <= 20 + 10 * DEVICE + 1, "the flooding browser got " + floodAccepted + " through");
        assertTrue(floodAccepted >= 10 * DEVICE - 1, "the flooding browser got " + floodAccepted + " through");
    }
}
