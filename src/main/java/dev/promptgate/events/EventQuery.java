package dev.promptgate.events;

import java.time.Instant;

/** Filters of an event search or export; null means any. {@code from} is inclusive, {@code to} exclusive. */
public record EventQuery(
        Instant from,
        Instant to,
        String type,
        String serviceKey,
        String host,
        String deviceId,
        String userPseudonym,
        boolean onlyIdentified,
        Integer guidelineVersion,
        String group) {}
