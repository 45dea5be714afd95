package dev.promptgate.client.device;

import dev.promptgate.events.Csv;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The device export's CSV: its header and one row per browser, formulas neutralized by {@link Csv}. */
final class DeviceCsv {

    private static final List<String> COLUMNS = List.of(
            "deviceId",
            "browser",
            "browserVersion",
            "extensionVersion",
            "identityMode",
            "policyVersion",
            "policyCurrent",
            "skippedCount",
            "tenantRestrictionRules",
            "lastSyncError",
            "lastSyncAt",
            "firstSeen",
            "lastSeen");

    private DeviceCsv() {}

    static void writeHeader(Writer writer) throws IOException {
        Csv.writeRow(writer, COLUMNS);
    }

    static void writeRow(Writer writer, DeviceHealth.DeviceView d) throws IOException {
        Csv.writeRow(
                writer,
                List.of(
                        d.deviceId(),
                        d.browser(),
                        d.browserVersion(),
                        d.extensionVersion(),
                        d.identityMode(),
                        text(d.policyVersion()),
                        String.valueOf(d.policyCurrent()),
                        String.valueOf(d.skippedCount()),
                        String.valueOf(d.tenantRestrictionRules()),
                        text(d.lastSyncError()),
                        text(d.lastSyncAt()),
                        text(d.firstSeen()),
                        text(d.lastSeen())));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
