package dev.sneakerqc.support.consumer;

import dev.sneakerqc.support.persistence.ArrayParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The consumer side of idempotency: the ids of the events a service has applied, in table
 * {@code processed_event}, written in the same transaction as their effects.
 *
 * <p>A whole poll at once: {@link #appliedBefore} says which events to pass over, {@link #recordApplied} records
 * the rest in one statement. A consumer that recognises repeats by the state they would change (the qc-service's
 * production events, by their batch's sequence) skips the lookup and only records. Both run plain JDBC on the
 * transaction's connection, so they never make Hibernate flush the session.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String SELECT_APPLIED = "select event_id from processed_event where event_id = any(?)";
    private static final String INSERT_ALL = """
            insert into processed_event (event_id, topic, kafka_partition, kafka_offset, processed_at)
            select event_id, topic, kafka_partition, kafka_offset, now()
            from unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[]) as t(event_id, topic, kafka_partition, kafka_offset)
            on conflict (event_id) do nothing
            """;

    private static final ArrayParameters<Applied> INSERT_COLUMNS = ArrayParameters.<Applied>of()
            .column("uuid", Applied::eventId)
            .column("text", event -> event.record().topic())
            .column("int4", event -> event.record().partition())
            .column("int8", event -> event.record().offset());

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Of these events, the ids of those applied before (committed, by this instance or another). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> appliedBefore(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_APPLIED)) {
                Array ids = connection.createArrayOf("uuid", eventIds.toArray());
                select.setArray(1, ids);
                Set<UUID> applied = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        applied.add(rows.getObject(1, UUID.class));
                    }
                }
                ids.free();
                return applied;
            }
        });
    }

    /**
     * Records the events applied in this transaction, each with the record it came in, in one statement.
     *
     * @throws AppliedConcurrently when another transaction recorded one of them after this one looked (by
     *                             {@link #appliedBefore} or at the state it changes): two instances applying the
     *                             same records during a rebalance; this transaction must roll back, and the
     *                             records be applied again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordApplied(List<Applied> applied) {
        if (applied.isEmpty()) {
            return;
        }
        int recorded = entityManager.unwrap(Session.class).doReturningWork(
                connection -> INSERT_COLUMNS.executeUpdate(connection, INSERT_ALL, applied));
        if (recorded != applied.size()) {
            throw new AppliedConcurrently(applied.size() - recorded);
        }
    }

    /** An event applied in this transaction, and the record it came in. */
    public record Applied(UUID eventId, ConsumerRecord<?, ?> record) {
    }

    /** Another transaction recorded some of the same events first; retried, the batch passes them over. */
    public static final class AppliedConcurrently extends RuntimeException implements RetryLater {
        AppliedConcurrently(int events) {
            super(events + " of the events were applied meanwhile by another consumer; the batch is applied again");
        }
    }
}
