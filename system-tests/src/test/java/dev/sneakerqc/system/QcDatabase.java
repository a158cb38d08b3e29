package dev.sneakerqc.system;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Looks straight into QC's database over JDBC, for what its API does not show: which events it applied, and
 * whether anything was dead-lettered. Every method opens a connection of its own, so it works across restarts
 * of the server (and fails while it is down).
 */
final class QcDatabase {

    private final String jdbcUrl;
    private final String username;
    private final String password;

    QcDatabase(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * How many production events QC applied to the batches of a factory: the sum of each batch's last applied
     * sequence (sequences count 1, 2, 3, … per batch and are applied in order).
     */
    long appliedProductionEvents(String factoryCode) {
        return query("select coalesce(sum(last_production_sequence), 0) from qc_batch where factory_code = ?",
                statement -> statement.setString(1, factoryCode), rows -> {
                    rows.next();
                    return rows.getLong(1);
                });
    }

    /** How many {@code processed_event} rows each of these event ids has (ids without a row are left out). */
    Map<UUID, Integer> processedRows(Collection<UUID> eventIds) {
        return query("select event_id, count(*) from processed_event where event_id = any(?) group by event_id",
                statement -> statement.setArray(1, uuids(statement.getConnection(), eventIds)), rows -> {
                    Map<UUID, Integer> counts = new HashMap<>();
                    while (rows.next()) {
                        counts.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                    return counts;
                });
    }

    /** How many inspections each of these batches has (batches without one are left out). */
    Map<String, Integer> inspections(Collection<String> batchIds) {
        return countByBatch("select batch_id::text, count(*) from inspection where batch_id = any(?) group by batch_id",
                batchIds);
    }

    /** How many dead letters QC keeps for records keyed by these batches. */
    long deadLetters(Collection<String> batchIds) {
        return query("select count(*) from dead_letter where record_key = any(?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", batchIds.toArray())),
                rows -> {
                    rows.next();
                    return rows.getLong(1);
                });
    }

    /**
     * QC loses its database: every table emptied, its own event history (outbox) included, as if it had started
     * on a new, empty database.
     */
    void wipe() {
        execute("truncate qc_batch, inspection, test_result, test_result_audit, switching_stream, "
                + "switching_state, stream_lot, corrective_action, processed_event, outbox_event, dead_letter");
    }

    private Map<String, Integer> countByBatch(String sql, Collection<String> batchIds) {
        return query(sql, statement -> statement.setArray(1, uuids(statement.getConnection(),
                batchIds.stream().map(UUID::fromString).toList())), rows -> {
            Map<String, Integer> counts = new HashMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
            return counts;
        });
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("QC database: " + sql, e);
        }
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("QC database: " + sql, e);
        }
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
