package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which browsers a batch is charged to for the rate limits. */
class BatchDevicesTest {

    private static RawEvent from(Object deviceId) {
        RawEvent event = RawEvent.object();
        event.set(RawEvent.slot("deviceId"), deviceId);
        return event;
    }

    @Test
    void aBatchIsChargedToTheDeviceItsEventsName() {
        assertEquals(Set.of("d1"), EventIngest.deviceIds(List.of(from("d1"), from("d1"))));
        assertEquals(Set.of("d1", "d2"), EventIngest.deviceIds(List.of(from("d1"), from("d2"))));
    }

    @Test
    void aBatchNamingNoReadableDeviceIsChargedToTheSharedEmptyId() {
        assertEquals(
                Set.of(""), EventIngest.deviceIds(List.of(from(null), from("not/a device"), RawEvent.notAnObject())));
        assertEquals(Set.of(""), EventIngest.deviceIds(List.of()));
    }

    @Test
    void aBatchNamingManyDevicesIsChargedToOneSharedIdNotABucketEach() {
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i <= EventIngest.MAX_DEVICES_PER_BATCH; i++) {
            events.add(from("made-up-" + i));
        }
        assertEquals(Set.of("*"), EventIngest.deviceIds(events));
        assertEquals(
                EventIngest.MAX_DEVICES_PER_BATCH,
                EventIngest.deviceIds(events.subList(0, 5)).size());
    }
}
