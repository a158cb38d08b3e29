package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.MaterialLotLine;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.ProductionStage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The batch as it is read by id, the catalog's hottest query: one SQL statement (the batch row with its material
 * lots as arrays) on a pooled connection, without an ORM session, since nothing read here is changed. Stage
 * changes go through {@link BatchWrites}; planning and verdicts through {@link BatchRepository} and the
 * {@link Batch} entity.
 */
@ApplicationScoped
public class BatchReads {

    /** The batch row by id with its material lots as arrays; {@link BatchWrites} locks it with the same statement. */
    static final String SELECT = """
            select b.id, b.batch_number, b.style_code, b.factory_code, b.quantity, b.status, b.stage,
                   b.label_status, b.label_policy, b.domestic_value_share, b.label_reason, b.planned_at, b.updated_at,
                   b.last_event_sequence,
                   array(select l.component from batch_material_lot l where l.batch_id = b.id order by l.position),
                   array(select l.supplier_lot_number from batch_material_lot l where l.batch_id = b.id
                          order by l.position)
              from batch b
             where b.id = ?""";

    private final AgroalDataSource dataSource;

    public BatchReads(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<BatchSnapshot> find(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading batch " + id + " failed", e);
        }
    }

    /** The batch in the current row of a result of {@link #SELECT}. */
    static BatchSnapshot read(ResultSet row) throws SQLException {
        BatchStatus status = BatchStatus.valueOf(row.getString(6));
        ProductionStage stage = enumOrNull(ProductionStage.class, row.getString(7));
        LabelDecision label = new LabelDecision(enumOrNull(LabelStatus.class, row.getString(8)),
                enumOrNull(LabelPolicy.class, row.getString(9)), row.getBigDecimal(10), row.getString(11));
        String[] components = strings(row.getArray(15));
        String[] lotNumbers = strings(row.getArray(16));
        List<MaterialLotLine> lots = new ArrayList<>(components.length);
        for (int i = 0; i < components.length; i++) {
            lots.add(new MaterialLotLine(Component.valueOf(components[i]), lotNumbers[i]));
        }
        return new BatchSnapshot(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getInt(5), status, stage, Batch.expectedStage(status, stage), label, lots,
                row.getTimestamp(12).toInstant(), row.getTimestamp(13).toInstant(), row.getLong(14));
    }

    private static String[] strings(Array array) throws SQLException {
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
