package dev.sneakerqc.support.outbox;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.tx.AfterCommit;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes events into the outbox table in the caller's database transaction, so an event exists exactly when
 * the state change it describes was committed. After the commit the relay is woken to publish at once.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, aggregate_id, aggregate_sequence, event_type, schema_version,
                                      occurred_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final Object WAKE_RELAY = new Object();

    private final AgroalDataSource dataSource;
    private final AfterCommit afterCommit;
    private final OutboxSignal signal;

    public OutboxWriter(AgroalDataSource dataSource, AfterCommit afterCommit, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.afterCommit = afterCommit;
        this.signal = signal;
    }

    /**
     * Appends an event for the given topic; the record key is the envelope's aggregate key. The row goes in by
     * plain JDBC on the transaction's connection (the pool hands the same connection to everything in one
     * transaction, the ORM session included): it needs no session, so none is opened or flushed for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, EventEnvelope envelope) {
        appendAll(topic, List.of(envelope));
    }

    /**
     * Appends events for the given topic as {@link #append} does, in one JDBC batch: one round trip to the
     * database, and one statement when the driver rewrites batched inserts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (EventEnvelope envelope : envelopes) {
                insert.setObject(1, envelope.eventId());
                insert.setString(2, topic);
                insert.setString(3, envelope.aggregateKey());
                insert.setLong(4, envelope.sequence());
                insert.setString(5, envelope.type());
                insert.setInt(6, envelope.schemaVersion());
                insert.setObject(7, OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC));
                insert.setString(8, EventJson.write(envelope));
                if (envelopes.size() == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
            }
            if (envelopes.size() > 1) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                // Another transaction announced a change of the same aggregate with the same sequence first.
                throw Problems.conflict("the resource was changed by another request at the same time; retry",
                        Map.of());
            }
            throw new IllegalStateException("writing " + describe(envelopes) + " to the outbox failed", e);
        }
        afterCommit.once(WAKE_RELAY, signal::signal);
    }

    /** A batch reports the statement's failure as the next exception of its own. */
    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if ("23505".equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<EventEnvelope> envelopes) {
        return envelopes.size() == 1 ? "event " + envelopes.getFirst().eventId() : envelopes.size() + " events";
    }
}
