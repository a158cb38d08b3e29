package dev.sneakerqc.qc.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Replaces one batch's rows (batch, inspection, results, audit trail) by their rebuilt versions. */
final class BatchRows {

    private static final List<String> TABLES = List.of("test_result_audit", "test_result", "inspection", "qc_batch");

    private BatchRows() {
    }

    static void replace(Connection connection, UUID batchId, ReplayModel model) throws SQLException {
        for (String table : TABLES) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + table + " where batch_id = ?")) {
                delete.setObject(1, batchId);
                delete.executeUpdate();
            }
        }
        ReadModelTables.loadBatch(connection, model);
    }
}
