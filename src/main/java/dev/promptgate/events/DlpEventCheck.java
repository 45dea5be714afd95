package dev.promptgate.events;

import dev.promptgate.dlp.BuiltinDetector;
import java.util.Set;

/** Checks the data-protection fields of an event: required on dlp_detected, refused on every other type. */
final class DlpEventCheck {

    private DlpEventCheck() {}

    /** The stored fields of a valid dlp_detected event; null otherwise (with errors added to {@code fields}). */
    static DlpDetection check(EventFields fields, String type, String action) {
        if (!EventTypes.DLP_DETECTED.equals(type)) {
            for (String field : DlpDetection.FIELDS) {
                if (fields.present(field)) {
                    fields.error(field, "only a " + EventTypes.DLP_DETECTED + " event carries " + field);
                }
            }
            return null;
        }
        String detector = fields.text("detector", true, null, null);
        if (detector != null && !BuiltinDetector.isReportable(detector)) {
            fields.error("detector", "must be a built-in detector id, kw-N, re-N or upload");
            detector = null;
        }
        boolean upload = BuiltinDetector.UPLOAD.equals(detector);
        Integer matches = fields.whole("matches", !upload, 1, DlpDetection.MAX_MATCHES);
        String trigger = oneOf(fields, "trigger", true, DlpDetection.TRIGGERS);
        if (trigger != null && detector != null && upload != trigger.equals("upload")) {
            fields.error("trigger", "is upload exactly when detector is upload");
        }
        if (action == null && !fields.failed("action")) {
            fields.error("action", "is required on a " + EventTypes.DLP_DETECTED + " event");
        }
        String outcome = oneOf(fields, "outcome", true, DlpDetection.OUTCOMES);
        Integer justification = fields.whole("justification", false, 0, DlpDetection.MAX_JUSTIFICATIONS - 1);
        String fileType = oneOf(fields, "fileType", false, DlpDetection.FILE_TYPES);
        String sizeBucket = oneOf(fields, "sizeBucket", false, DlpDetection.SIZE_BUCKETS);
        if (!upload && detector != null) {
            notOnText(fields, "fileType");
            notOnText(fields, "sizeBucket");
        }
        return new DlpDetection(detector, matches, trigger, outcome, justification, fileType, sizeBucket);
    }

    private static void notOnText(EventFields fields, String field) {
        if (fields.present(field) && !fields.failed(field)) {
            fields.error(field, "belongs to upload detections only");
        }
    }

    private static String oneOf(EventFields fields, String field, boolean required, Set<String> allowed) {
        String value = fields.text(field, required, null, null);
        if (value != null && !allowed.contains(value)) {
            fields.error(
                    field,
                    "must be one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
            return null;
        }
        return value;
    }
}
