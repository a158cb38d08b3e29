package dev.sneakerqc.qc.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of the array parameters that plain-SQL writes unnest, and instants read back. */
final class SqlArrays {

    private SqlArrays() {
    }

    /** An instant as a {@code timestamptz} literal (ISO-8601 in UTC), or null; the statement casts the array. */
    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
