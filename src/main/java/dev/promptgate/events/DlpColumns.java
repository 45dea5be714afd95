package dev.promptgate.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The data-protection columns of a batch as arrays, for the unnest statement that stores only new rows. */
record DlpColumns(
        String[] detectors,
        Integer[] matches,
        String[] triggers,
        String[] outcomes,
        Short[] justifications,
        String[] fileTypes,
        String[] sizeBuckets) {

    static DlpColumns of(List<EventRow> rows) {
        int n = rows.size();
        DlpColumns columns = new DlpColumns(
                new String[n],
                new Integer[n],
                new String[n],
                new String[n],
                new Short[n],
                new String[n],
                new String[n]);
        for (int i = 0; i < n; i++) {
            DlpDetection dlp = rows.get(i).dlp();
            if (dlp != null) {
                columns.detectors[i] = dlp.detector();
                columns.matches[i] = dlp.matches();
                columns.triggers[i] = dlp.trigger();
                columns.outcomes[i] = dlp.outcome();
                columns.justifications[i] =
                        dlp.justification() == null ? null : dlp.justification().shortValue();
                columns.fileTypes[i] = dlp.fileType();
                columns.sizeBuckets[i] = dlp.sizeBucket();
            }
        }
        return columns;
    }

    /** Binds the seven arrays from parameter {@code first} on. */
    void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", detectors));
        statement.setArray(first + 1, connection.createArrayOf("int4", matches));
        statement.setArray(first + 2, connection.createArrayOf("text", triggers));
        statement.setArray(first + 3, connection.createArrayOf("text", outcomes));
        statement.setArray(first + 4, connection.createArrayOf("int2", justifications));
        statement.setArray(first + 5, connection.createArrayOf("text", fileTypes));
        statement.setArray(first + 6, connection.createArrayOf("text", sizeBuckets));
    }
}
