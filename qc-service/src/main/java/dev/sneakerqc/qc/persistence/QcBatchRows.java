package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.support.persistence.ArrayParameters;
import dev.sneakerqc.support.persistence.SqlValues;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code qc_batch} rows of a poll of production events, in plain SQL on the transaction's connection: the
 * batches concerned read in one statement, the new ones inserted in one and the advanced ones updated in one,
 * whatever their number. The batches read are not managed by the ORM; what changed in them is written only by
 * {@link #insertAll} and {@link #updateProgress}.
 *
 * <p>A JFR profile of an ingest of 200,000 events put a quarter of the consumer threads' samples in the ORM:
 * loading, persisting, the dirty check and a batched statement per row at commit.
 */
@ApplicationScoped
public class QcBatchRows {

    private static final String SELECT = """
            select batch_id, batch_number, style_code, factory_code, line, quantity, stage, last_production_sequence,
                   planned_at, updated_at
              from qc_batch
             where batch_id = any(?)
            """;
    private static final String INSERT = """
            insert into qc_batch (batch_id, batch_number, style_code, factory_code, line, quantity, stage,
                                  last_production_sequence, planned_at, updated_at)
            select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                                 ?::bigint[], ?::timestamptz[], ?::timestamptz[])
            """;
    private static final String UPDATE = """
            update qc_batch b
               set stage = t.stage, last_production_sequence = t.sequence, updated_at = t.updated_at
              from unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[])
                   as t(batch_id, stage, sequence, updated_at)
             where b.batch_id = t.batch_id
            """;
    private static final ArrayParameters<QcBatch> INSERT_COLUMNS = ArrayParameters.<QcBatch>of()
            .column("uuid", QcBatch::batchId)
            .column("text", QcBatch::batchNumber)
            .column("text", QcBatch::styleCode)
            .column("text", QcBatch::factoryCode)
            .column("text", QcBatch::line)
            .column("int4", QcBatch::quantity)
            .enumColumn(QcBatch::stage)
            .column("int8", QcBatch::lastProductionSequence)
            .instantColumn(QcBatch::plannedAt)
            .instantColumn(QcBatch::updatedAt);
    private static final ArrayParameters<QcBatch> UPDATE_COLUMNS = ArrayParameters.<QcBatch>of()
            .column("uuid", QcBatch::batchId)
            .enumColumn(QcBatch::stage)
            .column("int8", QcBatch::lastProductionSequence)
            .instantColumn(QcBatch::updatedAt);

    private final AgroalDataSource dataSource;

    public QcBatchRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The batches with these ids that exist, by id (a map the caller may add to). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, QcBatch> byIds(Collection<UUID> batchIds) {
        Map<UUID, QcBatch> found = new HashMap<>();
        if (batchIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, connection.createArrayOf("uuid", batchIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String stage = rows.getString(7);
                    QcBatch batch = QcBatch.fromRow(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getInt(6),
                            stage == null ? null : ProductionStage.valueOf(stage), rows.getLong(8),
                            SqlValues.instant(rows.getObject(9)), SqlValues.instant(rows.getObject(10)));
                    found.put(batch.batchId(), batch);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + batchIds.size() + " batches failed", e);
        }
    }

    /** Inserts new batches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(Collection<QcBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            INSERT_COLUMNS.executeUpdate(connection, INSERT, batches);
        } catch (SQLException e) {
            throw new IllegalStateException("inserting " + batches.size() + " batches failed", e);
        }
    }

    /** Writes the stage, last production sequence and update time of batches read by {@link #byIds}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updateProgress(Collection<QcBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        int updated;
        try (Connection connection = dataSource.getConnection()) {
            updated = UPDATE_COLUMNS.executeUpdate(connection, UPDATE, batches);
        } catch (SQLException e) {
            throw new IllegalStateException("updating " + batches.size() + " batches failed", e);
        }
        if (updated != batches.size()) {
            throw new IllegalStateException("updating " + batches.size() + " batches changed " + updated + " rows");
        }
    }
}
