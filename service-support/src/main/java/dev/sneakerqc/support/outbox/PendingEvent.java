package dev.sneakerqc.support.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row not yet acknowledged by Kafka.
 *
 * @param position          the row's place in the outbox, ascending in insertion order
 * @param eventId           the event's id
 * @param topic             where it goes
 * @param aggregateId       the record key
 * @param aggregateSequence the event's sequence within its aggregate
 * @param eventType         the event type name
 * @param schemaVersion     the schema version of the type
 * @param occurredAt        when the change was made
 * @param payload           the exact record value
 */
public record PendingEvent(long position, UUID eventId, String topic, String aggregateId, long aggregateSequence,
                           String eventType, int schemaVersion, Instant occurredAt, String payload) {
}
