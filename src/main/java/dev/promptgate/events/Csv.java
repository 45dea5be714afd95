package dev.promptgate.events;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV cells. A cell that a spreadsheet would take for a formula gets a leading apostrophe, so an export
 * opened in a spreadsheet cannot run anything a client put into an event.
 */
final class Csv {

    private Csv() {}

    static void writeRow(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.indexOf(',') >= 0
                || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0
                || text.startsWith(" ")
                || text.endsWith(" ");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
