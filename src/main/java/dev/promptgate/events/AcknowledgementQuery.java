package dev.promptgate.events;

import java.time.Instant;

/** Filters of an acknowledgement listing; null means any. {@code from} is inclusive, {@code to} exclusive. */
public record AcknowledgementQuery(
        Integer guidelineVersion,
        String userPseudonym,
        boolean onlyIdentified,
        String deviceId,
        String group,
        Instant from,
        Instant to) {}
