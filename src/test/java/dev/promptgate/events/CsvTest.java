package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static String row(String... cells) throws IOException {
        StringWriter out = new StringWriter();
        Csv.writeRow(out, Arrays.asList(cells));
        return out.toString();
    }

    @Test
    void plainCellsAreWrittenAsTheyAreAndRowsEndWithCrLf() throws IOException {
        assertEquals("a,chatgpt.com,,WARN\r\n", row("a", "chatgpt.com", null, "WARN"));
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreTurnedIntoText() throws IOException {
        assertEquals("'=1+1,'+SUM(A1),'-2,'@cmd\r\n", row("=1+1", "+SUM(A1)", "-2", "@cmd"));
        assertEquals("'\tx,\"'\ry\"\r\n", row("\tx", "\ry"));
    }

    /** Spreadsheets skip leading blanks before they look for a formula. */
    @Test
    void formulasAfterLeadingBlanksAreTurnedIntoTextToo() throws IOException {
        for (String cell :
                List.of(" =1+1", "   +SUM(A1)", "\t-2", "\r\n@cmd", "\u00a0=1", "\u2003=1", "\ufeff=1", "\u0000=1")) {
            StringWriter out = new StringWriter();
            Csv.writeRow(out, List.of(cell));
            List<CSVRecord> records =
                    CSVFormat.RFC4180.parse(new StringReader(out.toString())).getRecords();
            assertEquals(
                    "'" + cell,
                    records.get(0).get(0),
                    "cell " + cell.codePoints().boxed().toList());
        }
        assertEquals("\" padded \",\" x-y\"\r\n", row(" padded ", " x-y"));
    }

    @Test
    void cellsWithSeparatorsQuotesOrLineBreaksAreQuotedAndReadBackWhole() throws IOException {
        String[] cells = {"a,b", "say \"hi\"", "two\nlines", " padded ", "=\"x\",y"};
        String written = row(cells);
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",\"'=\"\"x\"\",y\"\r\n", written);
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(written)).getRecords();
        assertEquals(1, records.size());
        assertEquals(
                List.of("a,b", "say \"hi\"", "two\nlines", " padded ", "'=\"x\",y"),
                records.get(0).toList());
    }
}
