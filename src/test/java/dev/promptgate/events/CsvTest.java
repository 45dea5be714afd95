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
