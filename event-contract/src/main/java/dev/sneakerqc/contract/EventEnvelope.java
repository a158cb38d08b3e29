package dev.sneakerqc.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The value of every record on the event topics.
 *
 * @param eventId       unique id of the event; consumers deduplicate on it (also {@code ce_id})
 * @param type          event type name, e.g. {@code BatchPlanned} (also {@code ce_type})
 * @param schemaVersion version of the schema of this type the event conforms to
 * @param occurredAt    when the state change was made, UTC, microsecond precision (also {@code ce_time})
 * @param batchId       the aggregate the event belongs to; also the record key
 * @param sequence      1, 2, 3, … per aggregate, without gaps, in the order the changes were committed
 * @param data          the type-specific facts
 */
@JsonPropertyOrder({"eventId", "type", "schemaVersion", "occurredAt", "batchId", "sequence", "data"})
public record EventEnvelope(UUID eventId, String type, int schemaVersion, Instant occurredAt, UUID batchId,
                            long sequence, JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps typed data into an envelope of the given event type. */
    public static <T> EventEnvelope wrap(EventType<T> type, UUID eventId, Instant occurredAt, UUID batchId,
                                         long sequence, T data) {
        return new EventEnvelope(eventId, type.name(), type.schemaVersion(), occurredAt, batchId, sequence,
                EventJson.mapper().valueToTree(data));
    }

    /** True when this envelope is of the given type and schema version. */
    public boolean is(EventType<?> eventType) {
        return eventType.name().equals(type) && eventType.schemaVersion() == schemaVersion;
    }

    /** The data as the record of the given event type. */
    public <T> T dataAs(EventType<T> eventType) {
        if (!is(eventType)) {
            throw new IllegalArgumentException("event is " + type + " v" + schemaVersion + ", not "
                    + eventType.name() + " v" + eventType.schemaVersion());
        }
        try {
            return EventJson.mapper().treeToValue(data, eventType.dataClass());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("data of event " + eventId + " does not match " + eventType.name(), e);
        }
    }
}
