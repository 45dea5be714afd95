package dev.promptgate.events;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * RFC 4180 CSV rows, written by Commons CSV. A cell that a spreadsheet would take for a formula gets a leading
 * apostrophe, so an export opened in a spreadsheet cannot run anything a client put into an event: one that starts
 * with {@code = + - @}, a tab or a carriage return, also after leading spaces or other blanks (spreadsheets skip
 * those before looking for a formula).
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final String FORMULA_SIGNS = "=+-@";

    private Csv() {}

    public static void writeRow(Writer writer, List<String> cells) throws IOException {
        CSVFormat.RFC4180.printRecord(
                writer, cells.stream().map(Csv::neutralized).toArray());
    }

    /** The value as it is safe to show in a spreadsheet: "" for null, formulas turned into text. */
    static String neutralized(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        int first = 0;
        while (first < value.length() && isBlank(value.charAt(first))) {
            first++;
        }
        return first < value.length() && FORMULA_SIGNS.indexOf(value.charAt(first)) >= 0 ? "'" + value : value;
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '\uFEFF';
    }
}
