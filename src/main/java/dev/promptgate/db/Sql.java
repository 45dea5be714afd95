package dev.promptgate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A query assembled from optional filters, with its parameters in order. Only fixed SQL text is ever appended. */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private boolean hasWhere;

    public Sql(String start) {
        text.append(start);
    }

    public Sql append(String sql, Object... values) {
        text.append(sql);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds {@code and <condition>} (or {@code where}) when the value is not null. */
    public Sql filter(String condition, Object value) {
        if (value != null) {
            text.append(hasWhere ? " and " : " where ").append(condition);
            params.add(value);
            hasWhere = true;
        }
        return this;
    }

    /** Adds the values of the parameters in the text so far. */
    public Sql params(Object... values) {
        params.addAll(List.of(values));
        return this;
    }

    /** Adds {@code and <condition>} (or {@code where}) with the values of its parameters, if any. */
    public Sql require(String condition, Object... values) {
        text.append(hasWhere ? " and " : " where ").append(condition);
        params.addAll(List.of(values));
        hasWhere = true;
        return this;
    }

    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof Instant instant) {
                statement.setObject(
                        i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            } else if (value instanceof LocalDate day) {
                statement.setObject(i + 1, day, Types.DATE);
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
