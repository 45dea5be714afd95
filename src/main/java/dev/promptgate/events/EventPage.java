package dev.promptgate.events;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of events. Like every list's page, except that {@code total} is counted up to
 * {@link EventQueries#COUNT_LIMIT}: counting every match of a broad query over millions of events would cost far
 * more than the page itself.
 */
public record EventPage(
        List<EventView> items,
        int page,
        int size,
        @Schema(description = "The events matching the query, counted up to 1,000 (or up to this page)") long total,
        @Schema(description = "true when more events match than total says: more than 1,000")
                boolean totalIsLowerBound) {}
