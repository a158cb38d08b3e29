package dev.sneakerqc.support.outbox;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.support.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
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

    /** Appends an event for the given topic; the record key is the envelope's aggregate key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, EventEnvelope envelope) {
        entityManager.createNativeQuery(INSERT)
                .setParameter(1, envelope.eventId())
                .setParameter(2, topic)
                .setParameter(3, envelope.aggregateKey())
                .setParameter(4, envelope.sequence())
                .setParameter(5, envelope.type())
                .setParameter(6, envelope.schemaVersion())
                .setParameter(7, OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC))
                .setParameter(8, EventJson.write(envelope))
                .executeUpdate();
        afterCommit.once(WAKE_RELAY, signal::signal);
    }
}
