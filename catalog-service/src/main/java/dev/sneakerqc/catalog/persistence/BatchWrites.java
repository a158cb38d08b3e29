package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.StageChange;
import dev.sneakerqc.catalog.domain.StageCompletion;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.support.outbox.OutboxWriter;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Stage changes, the catalog's most frequent write, in plain SQL: the change (the batch row, its history row and
 * the event announcing it in the outbox) is one statement, which writes only if the batch is still at the change
 * it was read at ({@code last_event_sequence}, which every change of a batch advances). An ORM session would add a
 * collection load, a snapshot of the entity, a dirty check and a flush to every change, for a row whose every
 * column is known here. Each statement is a round trip to the database, which on a busy machine costs more than
 * the statement: the socket writes and the waits for the answer were a fifth of the catalog's CPU time under
 * stage-change load.
 *
 * <p>A change may be written two ways. Optimistically, outside a transaction: the batch read unlocked
 * ({@link BatchReads}), then {@link #recordIfUnchanged}, which commits by itself; two round trips, no row lock and
 * no transaction to begin and commit. Or in a transaction that first locks the batch ({@link #lockForChange}),
 * so that changes of a batch happen one after another, then {@link #record}. Row locks and the
 * {@code version} column keep both safe beside the entity writes of planning and verdicts
 * ({@link BatchRepository}).
 */
@ApplicationScoped
public class BatchWrites {

    private static final String LOCK = BatchReads.SELECT + " for no key update of b";
    /**
     * The batch row, if still at the change it was read at, and its history row, to which the outbox adds the event
     * ({@link OutboxWriter#appendWithChange}): one statement, whose history row and event go in only if the batch
     * was changed.
     */
    private static final String RECORD = """
            with changed as (
                update batch set status = ?, stage = ?, updated_at = ?, last_event_sequence = ?, version = version + 1
                 where id = ? and last_event_sequence = ?
                returning id),
            history as (
                insert into batch_stage (batch_id, stage, completed_at, sequence)
                select id, ?, ?, ? from changed)""";

    private final AgroalDataSource dataSource;
    private final OutboxWriter outbox;

    public BatchWrites(AgroalDataSource dataSource, OutboxWriter outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** Reads the batch and locks its row until the transaction ends, so its changes happen one after another. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BatchSnapshot> lockForChange(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCK)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(BatchReads.read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("locking batch " + id, e);
        }
    }

    /**
     * Writes a stage change of a batch locked by {@link #lockForChange} in this transaction, and its event to the
     * outbox ({@code production-events}), in one statement.
     *
     * @throws OptimisticLockException when the batch is no longer as the change found it (this transaction changed
     *                                 it already), and nothing is written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(StageChange change, EventEnvelope event) {
        if (!recordIfUnchanged(change, event)) {
            throw new OptimisticLockException("batch " + change.after().id() + " is no longer at change "
                    + change.before().lastEventSequence() + " or is gone");
        }
    }

    /**
     * Writes a stage change and its event to the outbox ({@code production-events}) in one statement, if the batch
     * is still at the change {@code change} was made from. Outside a transaction the statement commits by itself.
     *
     * @return whether it was written; if not, nothing was
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean recordIfUnchanged(StageChange change, EventEnvelope event) {
        BatchSnapshot after = change.after();
        StageCompletion completion = change.completion();
        if (!after.id().equals(event.batchId()) || event.sequence() != completion.sequence()) {
            throw new IllegalArgumentException("event " + event.eventId() + " (batch " + event.batchId() + ", sequence "
                    + event.sequence() + ") does not announce stage change " + completion.sequence() + " of batch "
                    + after.id());
        }
        try {
            return outbox.appendWithChange(Topics.PRODUCTION_EVENTS, event, RECORD, record -> {
                record.setString(1, after.status().name());
                record.setString(2, after.stage().name());
                record.setObject(3, utc(after.updatedAt()));
                record.setLong(4, after.lastEventSequence());
                record.setObject(5, after.id());
                record.setLong(6, change.before().lastEventSequence());
                record.setString(7, completion.stage().name());
                record.setObject(8, utc(completion.completedAt()));
                record.setLong(9, completion.sequence());
                return 10;
            }) == 1;
        } catch (SQLException e) {
            throw failure("recording stage " + completion.stage() + " of batch " + after.id(), e);
        }
    }

    /**
     * A lock that could not be had (deadlock, lock timeout) or a change of the same batch with the same sequence
     * committed first (a unique key of the history or the outbox) is a conflict the client may retry; the rest
     * fails.
     */
    private static RuntimeException failure(String what, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("40") || state.equals("55P03"))) {
            return new PessimisticLockException(what + ": " + e.getMessage(), e);
        }
        if ("23505".equals(state)) {
            return new OptimisticLockException(what + ": " + e.getMessage(), e);
        }
        return new IllegalStateException(what + " failed", e);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
