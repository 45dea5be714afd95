package dev.promptgate.events;

import java.util.List;
import java.util.Set;

/**
 * The data-protection fields of a {@code dlp_detected} event, in their stored form. Every value is one of a fixed
 * set or a bounded number: the text that matched, a fragment, a mask, its length or a hash are never accepted.
 *
 * @param detector a built-in detector id, {@code kw-N}, {@code re-N}, or {@code upload}
 * @param matches how many matches the check found (1..10000); null for an upload
 * @param justification the index of the justification chosen from the bundle's list, or null
 * @param fileType the top-level MIME type of an uploaded file, or null
 * @param sizeBucket the size class of an uploaded file, or null
 */
public record DlpDetection(
        String detector,
        Integer matches,
        String trigger,
        String outcome,
        Integer justification,
        String fileType,
        String sizeBucket) {

    /** The event fields that belong to a dlp_detected event only. */
    static final List<String> FIELDS =
            List.of("detector", "matches", "trigger", "outcome", "justification", "fileType", "sizeBucket");

    public static final int MAX_MATCHES = 10_000;
    /** Justification lists hold at most this many entries, so an index is below it. */
    public static final int MAX_JUSTIFICATIONS = 10;

    public static final Set<String> TRIGGERS = Set.of("paste", "submit", "upload");
    public static final Set<String> ACTIONS = Set.of("ALLOW", "WARN", "REDACT", "BLOCK");
    public static final Set<String> OUTCOMES =
            Set.of("monitored", "sent-anyway", "removed", "cancelled", "redacted", "blocked", "not-sensitive");
    /** Top-level MIME types (RFC 6838 and the IANA registry), and {@code unknown} when the browser names none. */
    public static final Set<String> FILE_TYPES = Set.of(
            "application", "audio", "font", "image", "message", "model", "multipart", "text", "video", "unknown");

    public static final Set<String> SIZE_BUCKETS = Set.of("<1MB", "1-10MB", ">10MB");

    /** Outcomes in which the person sent the text although a detector warned. */
    public static final String SENT_ANYWAY = "sent-anyway";
    /** The person said the match was not sensitive: a false positive. */
    public static final String NOT_SENSITIVE = "not-sensitive";
}
