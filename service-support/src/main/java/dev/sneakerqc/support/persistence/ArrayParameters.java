package dev.sneakerqc.support.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The parameters of a statement that writes many rows at once: one array per column, bound in the order of the
 * columns as parameters 1, 2, ..., for the statement to {@code unnest}. One statement and one round trip, however
 * many rows. Instants go as ISO-8601 text in UTC and enums by name; the statement casts each array to its type
 * ({@code ?::timestamptz[]}).
 *
 * @param <T> what a row is made from
 */
public final class ArrayParameters<T> {

    private final List<String> elementTypes;
    private final List<Function<? super T, ?>> values;

    private ArrayParameters(List<String> elementTypes, List<Function<? super T, ?>> values) {
        this.elementTypes = elementTypes;
        this.values = values;
    }

    /** No columns yet. */
    public static <T> ArrayParameters<T> of() {
        return new ArrayParameters<>(List.of(), List.of());
    }

    /**
     * These columns and one more, of the given array element type ({@code uuid}, {@code text}, {@code int4},
     * {@code int8}); a null value is a SQL null.
     */
    public ArrayParameters<T> column(String elementType, Function<? super T, ?> value) {
        List<String> types = new ArrayList<>(elementTypes);
        types.add(elementType);
        List<Function<? super T, ?>> columns = new ArrayList<>(values);
        columns.add(value);
        return new ArrayParameters<T>(List.copyOf(types), List.<Function<? super T, ?>>copyOf(columns));
    }

    /** These columns and one of instants, sent as text. */
    public ArrayParameters<T> instantColumn(Function<? super T, Instant> value) {
        return column("text", row -> {
            Instant instant = value.apply(row);
            return instant == null ? null : instant.toString();
        });
    }

    /** These columns and one of enum constants, sent by name. */
    public ArrayParameters<T> enumColumn(Function<? super T, ? extends Enum<?>> value) {
        return column("text", row -> {
            Enum<?> constant = value.apply(row);
            return constant == null ? null : constant.name();
        });
    }

    /**
     * Runs a statement that writes these rows, with their columns bound as {@link #bind} binds them.
     *
     * @return the number of rows the statement changed
     */
    public int executeUpdate(Connection connection, String sql, Collection<? extends T> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, rows);
            return statement.executeUpdate();
        }
    }

    /** Binds the columns of these rows, as arrays created on the statement's connection. */
    private void bind(Connection connection, PreparedStatement statement, Collection<? extends T> rows)
            throws SQLException {
        for (int column = 0; column < values.size(); column++) {
            Function<? super T, ?> value = values.get(column);
            Object[] array = new Object[rows.size()];
            int i = 0;
            for (T row : rows) {
                array[i++] = value.apply(row);
            }
            statement.setArray(column + 1, connection.createArrayOf(elementTypes.get(column), array));
        }
    }
}
