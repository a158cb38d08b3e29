package dev.sneakerqc.support.outbox;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.support.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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

    private final EntityManager entityManager;
    private final AfterCommit afterCommit;
    private final OutboxSignal signal;

    public OutboxWriter(EntityManager entityManager, AfterCommit afterCommit, OutboxSignal signal) {
        this.entityManager = entityManager;
        this.afterCommit = afterCommit;
        this.signal = signal;
    }

    /**
     * Appends an event for the given topic; the record key is the envelope's aggregate key. The row goes in by
     * plain JDBC on the transaction's connection: it needs nothing of the session, so the session is not flushed
     * for it (its changes go in at commit, in the same transaction).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, EventEnvelope envelope) {
        String payload = EventJson.write(envelope);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, envelope.eventId());
                insert.setString(2, topic);
                insert.setString(3, envelope.aggregateKey());
                insert.setLong(4, envelope.sequence());
                insert.setString(5, envelope.type());
                insert.setInt(6, envelope.schemaVersion());
                insert.setObject(7, OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC));
                insert.setString(8, payload);
                insert.executeUpdate();
            }
        });
        afterCommit.once(WAKE_RELAY, signal::signal);
    }
}
