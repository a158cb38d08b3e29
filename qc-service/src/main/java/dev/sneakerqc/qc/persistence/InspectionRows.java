package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts the inspections that finished batches create, in one plain-SQL statement per poll of production events
 * on the transaction's connection (see {@link QcBatchRows}). Later changes of an inspection go through the ORM.
 */
@ApplicationScoped
public class InspectionRows {

    private static final String INSERT = """
            insert into inspection (batch_id, status, awaiting_reason, profile_attempts, next_profile_attempt_at,
                                    finished_at, last_event_sequence, version)
            select t.*, 0
              from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::bigint[])
                   as t(batch_id, status, awaiting_reason, profile_attempts, next_profile_attempt_at, finished_at,
                        last_event_sequence)
            """;

    private final AgroalDataSource dataSource;

    public InspectionRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts new inspections, waiting for their profile or held; their batches must exist.
     *
     * @throws IllegalArgumentException for an inspection that has a profile already: it was not just created
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertNew(List<Inspection> inspections) {
        if (inspections.isEmpty()) {
            return;
        }
        int size = inspections.size();
        Object[] ids = new Object[size];
        Object[] statuses = new Object[size];
        Object[] reasons = new Object[size];
        Object[] attempts = new Object[size];
        Object[] nextAttempts = new Object[size];
        Object[] finishedAt = new Object[size];
        Object[] sequences = new Object[size];
        for (int i = 0; i < size; i++) {
            Inspection inspection = inspections.get(i);
            if (inspection.status() != InspectionStatus.AWAITING_PROFILE
                    && inspection.status() != InspectionStatus.ON_HOLD) {
                throw new IllegalArgumentException("the inspection of " + inspection.batchId() + " is "
                        + inspection.status() + ", not new");
            }
            ids[i] = inspection.batchId();
            statuses[i] = inspection.status().name();
            reasons[i] = inspection.awaitingReason();
            attempts[i] = inspection.profileAttempts();
            nextAttempts[i] = SqlArrays.text(inspection.nextProfileAttemptAt());
            finishedAt[i] = SqlArrays.text(inspection.finishedAt());
            sequences[i] = inspection.lastEventSequence();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("text", statuses));
            insert.setArray(3, connection.createArrayOf("text", reasons));
            insert.setArray(4, connection.createArrayOf("int4", attempts));
            insert.setArray(5, connection.createArrayOf("text", nextAttempts));
            insert.setArray(6, connection.createArrayOf("text", finishedAt));
            insert.setArray(7, connection.createArrayOf("int8", sequences));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("inserting " + size + " inspections failed", e);
        }
    }
}
