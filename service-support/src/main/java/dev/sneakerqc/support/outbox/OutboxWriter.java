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

    private static final String COLUMNS = """
            insert into outbox_event (event_id, topic, aggregate_id, aggregate_sequence, event_type, schema_version,
                                      occurred_at, payload)
            """;
    private static final String INSERT = COLUMNS + "values (?, ?, ?, ?, ?, ?, ?, ?)";
    /** The row of {@link #appendWithChange}: once for each row the caller's change returned. */
    private static final String INSERT_FROM_CHANGED = COLUMNS + "select ?, ?, ?, ?, ?, ?, ?, ? from changed";
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
                bind(insert, 1, topic, envelope);
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

    /**
     * Writes a change of the caller's and the event that describes it in one statement: one round trip to the
     * database instead of two. {@code change} is the {@code with} clause of a data-modifying query that names a
     * relation {@code changed} (for example {@code with changed as (update … returning id)}); the event's row goes
     * in once for each row of {@code changed}, so not at all when the change found nothing to change. The
     * statement's failures are the caller's to interpret, as they may come from its change. Being one statement,
     * it needs no transaction to be atomic: outside one it commits by itself, and the relay is woken at once.
     *
     * @param changeParameters binds the parameters of {@code change}, from index 1
     * @return the number of event rows written: the number of rows {@code changed} returned
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int appendWithChange(String topic, EventEnvelope envelope, String change, ChangeParameters changeParameters)
            throws SQLException {
        int written;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(change + "\n" + INSERT_FROM_CHANGED)) {
            bind(statement, changeParameters.bind(statement), topic, envelope);
            written = statement.executeUpdate();
        }
        if (written > 0) {
            afterCommit.once(WAKE_RELAY, signal::signal);
        }
        return written;
    }

    /** Binds the parameters of a change written with its event by {@link #appendWithChange}. */
    @FunctionalInterface
    public interface ChangeParameters {

        /** Binds the change's parameters from index 1; returns the index of the first parameter after them. */
        int bind(PreparedStatement statement) throws SQLException;
    }

    /** Binds an event's row to the eight parameters from {@code first} on. */
    private static void bind(PreparedStatement statement, int first, String topic, EventEnvelope envelope)
            throws SQLException {
        statement.setObject(first, envelope.eventId());
        statement.setString(first + 1, topic);
        statement.setString(first + 2, envelope.aggregateKey());
        statement.setLong(first + 3, envelope.sequence());
        statement.setString(first + 4, envelope.type());
        statement.setInt(first + 5, envelope.schemaVersion());
        statement.setObject(first + 6, OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC));
        statement.setString(first + 7, EventJson.write(envelope));
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
