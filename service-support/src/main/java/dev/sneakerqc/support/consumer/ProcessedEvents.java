package dev.sneakerqc.support.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The consumer side of idempotency: the ids of the events a service has applied, in table
 * {@code processed_event}, written in the same transaction as their effects.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String INSERT = """
            insert into processed_event (event_id, topic, kafka_partition, kafka_offset, processed_at)
            values (?1, ?2, ?3, ?4, now())
            on conflict (event_id) do nothing
            """;

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records that the event is being applied now. Returns false when it was applied before: then its effects
     * must not be applied again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String topic, int partition, long offset) {
        return entityManager.createNativeQuery(INSERT)
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .setParameter(3, partition)
                .setParameter(4, offset)
                .executeUpdate() == 1;
    }
}
