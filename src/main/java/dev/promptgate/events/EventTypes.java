package dev.promptgate.events;

import java.util.Set;

/** The event types the extension reports today. Others that follow the naming rule are stored as well. */
public final class EventTypes {

    public static final String VISIT = "visit";
    public static final String WARNED = "warned";
    public static final String PROCEEDED = "proceeded";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String BLOCKED = "blocked";
    public static final String REMINDER_SHOWN = "reminder_shown";
    public static final String REMINDER_DONE = "reminder_done";
    public static final String POLICY_APPLIED = "policy_applied";
    /** A data-protection detector triggered, or a file upload met an upload rule (see {@link DlpEventFields}). */
    public static final String DLP_DETECTED = "dlp_detected";

    /** Types that are about a page, so they name the service or the host they happened on. */
    public static final Set<String> ABOUT_A_PAGE =
            Set.of(VISIT, WARNED, PROCEEDED, BLOCKED, REMINDER_SHOWN, REMINDER_DONE, DLP_DETECTED);

    private EventTypes() {}
}
