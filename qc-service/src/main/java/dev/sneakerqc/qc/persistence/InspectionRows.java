package dev.sneakerqc.qc.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.support.persistence.DatabaseJsonFormat;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inspection rows that the production-events consumer and the opener write many at a time, in plain SQL on
 * the transaction's connection (see {@link QcBatchRows}): the inspections finished batches create, inserted in one
 * statement per poll; and a round of inspections waiting for their profile, locked in one statement and written
 * back, opened or held, in one. Other changes of an inspection go through the ORM; the row's version moves with
 * every write, as the ORM's does.
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

    private static final String LOCK_AWAITING_PROFILE = """
            select batch_id, awaiting_reason, profile_attempts, next_profile_attempt_at, finished_at,
                   last_event_sequence
              from inspection
             where batch_id = any(?) and status = 'AWAITING_PROFILE'
             order by batch_id
               for update
            """;
    private static final String UPDATE_LOCKED = """
            update inspection i
               set status = t.status, profile = t.profile::jsonb, plans = t.plans::jsonb, sample_pairs = t.sample_pairs,
                   awaiting_reason = t.awaiting_reason, profile_attempts = t.profile_attempts,
                   next_profile_attempt_at = t.next_profile_attempt_at, opened_at = t.opened_at,
                   last_event_sequence = t.last_event_sequence, version = i.version + 1
              from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::timestamptz[],
                          ?::timestamptz[], ?::bigint[])
                   as t(batch_id, status, profile, plans, sample_pairs, awaiting_reason, profile_attempts,
                        next_profile_attempt_at, opened_at, last_event_sequence)
             where i.batch_id = t.batch_id
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

    /**
     * Of these inspections, those still waiting for their profile, locked until the transaction ends: in one
     * statement and in the order of their ids, so that two transactions locking overlapping sets cannot deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Inspection> lockAwaitingProfile(Collection<UUID> batchIds) {
        List<Inspection> locked = new ArrayList<>(batchIds.size());
        if (batchIds.isEmpty()) {
            return locked;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCK_AWAITING_PROFILE)) {
            select.setArray(1, connection.createArrayOf("uuid", batchIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    locked.add(Inspection.awaitingProfileFromRow(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getInt(3), SqlArrays.instant(rows, 4), SqlArrays.instant(rows, 5), rows.getLong(6)));
                }
            }
            return locked;
        } catch (SQLException e) {
            throw new IllegalStateException("locking " + batchIds.size() + " inspections failed", e);
        }
    }

    /**
     * Writes back inspections {@link #lockAwaitingProfile} locked, as they now are (opened, held or still
     * waiting). Each distinct profile and set of plans is written to JSON once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeLocked(List<Inspection> inspections) {
        if (inspections.isEmpty()) {
            return;
        }
        int size = inspections.size();
        Object[] ids = new Object[size];
        Object[] statuses = new Object[size];
        Object[] profiles = new Object[size];
        Object[] plans = new Object[size];
        Object[] samplePairs = new Object[size];
        Object[] reasons = new Object[size];
        Object[] attempts = new Object[size];
        Object[] nextAttempts = new Object[size];
        Object[] openedAt = new Object[size];
        Object[] sequences = new Object[size];
        Map<Object, String> json = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Inspection inspection = inspections.get(i);
            ids[i] = inspection.batchId();
            statuses[i] = inspection.status().name();
            profiles[i] = json(json, inspection.profile());
            plans[i] = inspection.profile() == null ? null : json(json, inspection.plans());
            samplePairs[i] = inspection.samplePairs();
            reasons[i] = inspection.awaitingReason();
            attempts[i] = inspection.profileAttempts();
            nextAttempts[i] = SqlArrays.text(inspection.nextProfileAttemptAt());
            openedAt[i] = SqlArrays.text(inspection.openedAt());
            sequences[i] = inspection.lastEventSequence();
        }
        int updated;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(UPDATE_LOCKED)) {
            update.setArray(1, connection.createArrayOf("uuid", ids));
            update.setArray(2, connection.createArrayOf("text", statuses));
            update.setArray(3, connection.createArrayOf("text", profiles));
            update.setArray(4, connection.createArrayOf("text", plans));
            update.setArray(5, connection.createArrayOf("int4", samplePairs));
            update.setArray(6, connection.createArrayOf("text", reasons));
            update.setArray(7, connection.createArrayOf("int4", attempts));
            update.setArray(8, connection.createArrayOf("text", nextAttempts));
            update.setArray(9, connection.createArrayOf("text", openedAt));
            update.setArray(10, connection.createArrayOf("int8", sequences));
            updated = update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + size + " inspections failed", e);
        }
        if (updated != size) {
            throw new IllegalStateException("writing " + size + " inspections changed " + updated + " rows");
        }
    }

    /** A JSON column's text, in the ORM's JSON mapping, written once per distinct value. */
    private static String json(Map<Object, String> written, Object value) {
        if (value == null) {
            return null;
        }
        return written.computeIfAbsent(value, key -> {
            try {
                return DatabaseJsonFormat.mapper().writeValueAsString(key);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a JSON column", e);
            }
        });
    }
}
