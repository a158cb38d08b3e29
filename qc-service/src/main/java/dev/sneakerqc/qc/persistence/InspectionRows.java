package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.support.persistence.ArrayParameters;
import dev.sneakerqc.support.persistence.JsonColumnTexts;
import dev.sneakerqc.support.persistence.SqlValues;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /**
     * Locks the inspections by primary key alone; whether each still waits for its profile is read off the row.
     * With {@code and status = 'AWAITING_PROFILE'} in the query, the planner, whose statistics have few such
     * rows, scanned {@code inspection_status_idx} through every waiting inspection and tested each against the
     * ids: 20-100 ms a call once a backlog had left 20,000 waiting (EXPLAIN ANALYZE), a call per round of 200.
     */
    private static final String LOCK_AWAITING_PROFILE = """
            select batch_id, status, awaiting_reason, profile_attempts, next_profile_attempt_at, finished_at,
                   last_event_sequence
              from inspection
             where batch_id = any(?)
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

    private static final ArrayParameters<Inspection> INSERT_COLUMNS = ArrayParameters.<Inspection>of()
            .column("uuid", Inspection::batchId)
            .enumColumn(Inspection::status)
            .column("text", Inspection::awaitingReason)
            .column("int4", Inspection::profileAttempts)
            .instantColumn(Inspection::nextProfileAttemptAt)
            .instantColumn(Inspection::finishedAt)
            .column("int8", Inspection::lastEventSequence);
    private static final ArrayParameters<Written> UPDATE_COLUMNS = ArrayParameters.<Written>of()
            .column("uuid", row -> row.inspection().batchId())
            .enumColumn(row -> row.inspection().status())
            .column("text", Written::profile)
            .column("text", Written::plans)
            .column("int4", row -> row.inspection().samplePairs())
            .column("text", row -> row.inspection().awaitingReason())
            .column("int4", row -> row.inspection().profileAttempts())
            .instantColumn(row -> row.inspection().nextProfileAttemptAt())
            .instantColumn(row -> row.inspection().openedAt())
            .column("int8", row -> row.inspection().lastEventSequence());

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
        for (Inspection inspection : inspections) {
            if (inspection.status() != InspectionStatus.AWAITING_PROFILE
                    && inspection.status() != InspectionStatus.ON_HOLD) {
                throw new IllegalArgumentException("the inspection of " + inspection.batchId() + " is "
                        + inspection.status() + ", not new");
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            INSERT_COLUMNS.executeUpdate(connection, INSERT, inspections);
        } catch (SQLException e) {
            throw new IllegalStateException("inserting " + inspections.size() + " inspections failed", e);
        }
    }

    /**
     * Of these inspections, those still waiting for their profile, locked until the transaction ends (with the
     * others of them, which are left alone): in one statement and in the order of their ids, so that two
     * transactions locking overlapping sets cannot deadlock.
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
                    if (InspectionStatus.AWAITING_PROFILE.name().equals(rows.getString(2))) {
                        locked.add(Inspection.awaitingProfileFromRow(rows.getObject(1, UUID.class),
                                rows.getString(3), rows.getInt(4), SqlValues.instant(rows.getObject(5)),
                                SqlValues.instant(rows.getObject(6)), rows.getLong(7)));
                    }
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
        JsonColumnTexts json = JsonColumnTexts.perValue();
        List<Written> rows = inspections.stream().map(inspection -> new Written(inspection,
                json.json(inspection.profile()),
                inspection.profile() == null ? null : json.json(inspection.plans()))).toList();
        int updated;
        try (Connection connection = dataSource.getConnection()) {
            updated = UPDATE_COLUMNS.executeUpdate(connection, UPDATE_LOCKED, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + inspections.size() + " inspections failed", e);
        }
        if (updated != inspections.size()) {
            throw new IllegalStateException("writing " + inspections.size() + " inspections changed " + updated
                    + " rows");
        }
    }

    /** An inspection to write back, with the texts of its JSON columns. */
    private record Written(Inspection inspection, String profile, String plans) {
    }
}
