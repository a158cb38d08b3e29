package dev.sneakerqc.qc.replay;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SHA-256 digest of the QC read models: every row's facts in a fixed order. Left out are what replay cannot
 * know and nobody reads as a fact: surrogate ids, optimistic-lock versions, when an event was processed, and
 * the bookkeeping of profile fetches (attempts, next attempt, the waiting reason).
 */
@ApplicationScoped
public class StateDigest {

    /**
     * The digest.
     *
     * @param sha256 hex digest of all tables
     * @param rows   rows per table
     * @param tables hex digest per table, to see where two states differ
     */
    public record Digest(String sha256, Map<String, Long> rows, Map<String, String> tables) {
    }

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("qc_batch", "select batch_id, batch_number, style_code, factory_code, line, quantity, stage, "
                + "last_production_sequence, planned_at, updated_at from qc_batch order by batch_id");
        QUERIES.put("inspection", "select batch_id, status, profile::text, plans::text, sample_pairs, verdict, "
                + "finished_at, opened_at, decided_at, last_event_sequence from inspection order by batch_id");
        QUERIES.put("test_result", "select batch_id, sample_unit, method, defect_class, value, passed, technician, "
                + "equipment_id, recorded_at, corrections from test_result order by batch_id, sample_unit, method");
        QUERIES.put("test_result_audit", "select batch_id, sample_unit, method, value, passed, technician, "
                + "equipment_id, recorded_at, correction, reason, replaced_value from test_result_audit "
                + "order by batch_id, id");
        QUERIES.put("switching_stream", "select factory_code, line, last_event_sequence from switching_stream "
                + "order by factory_code, line");
        QUERIES.put("switching_state", "select factory_code, line, defect_class, severity, recent_on_normal, "
                + "consecutive_accepted, not_accepted_on_tightened, discontinued, updated_at from switching_state "
                + "order by factory_code, line, defect_class");
        QUERIES.put("stream_lot", "select factory_code, line, defect_class, batch_id, batch_number, severity, "
                + "accepted, nonconforming, decided_at from stream_lot order by factory_code, line, id");
        QUERIES.put("corrective_action", "select factory_code, line, description, recorded_by, recorded_at "
                + "from corrective_action order by factory_code, line, id");
        QUERIES.put("processed_event", "select event_id, topic, kafka_partition, kafka_offset from processed_event "
                + "order by event_id");
    }

    private final AgroalDataSource dataSource;

    public StateDigest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Digest compute() throws SQLException {
        MessageDigest sha256 = sha256();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> tables = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local timezone = 'UTC'");
                for (Map.Entry<String, String> table : QUERIES.entrySet()) {
                    sha256.update(("table " + table.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
                    long rows = 0;
                    MessageDigest tableDigest = sha256();
                    try (ResultSet result = statement.executeQuery(table.getValue())) {
                        int columns = result.getMetaData().getColumnCount();
                        StringBuilder row = new StringBuilder();
                        while (result.next()) {
                            row.setLength(0);
                            for (int column = 1; column <= columns; column++) {
                                row.append(result.getString(column)).append('\u001f');
                            }
                            row.append('\n');
                            byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
                            sha256.update(bytes);
                            tableDigest.update(bytes);
                            rows++;
                        }
                    }
                    counts.put(table.getKey(), rows);
                    tables.put(table.getKey(), HexFormat.of().formatHex(tableDigest.digest()));
                }
            }
            connection.commit();
        }
        return new Digest(HexFormat.of().formatHex(sha256.digest()), counts, tables);
    }
}
