package dev.sneakerqc.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The value of every record on the event topics.
 *
 * <p>An event belongs to one aggregate, named by exactly one key: {@code batchId} for a batch (every production
 * event; the QC events of a batch's inspection) or {@code streamKey} for a QC switching stream
 * ({@code <factoryCode>/<line>}). The key is also the Kafka record key; {@code sequence} counts per aggregate.
 *
 * @param eventId       unique id of the event; consumers deduplicate on it (also {@code ce_id})
 * @param type          event type name, e.g. {@code BatchPlanned} (also {@code ce_type})
 * @param schemaVersion version of the schema of this type the event conforms to
 * @param occurredAt    when the state change was made, UTC, microsecond precision (also {@code ce_time})
 * @param batchId       the batch the event belongs to, null for stream events
 * @param streamKey     the switching stream the event belongs to, null for batch events
 * @param sequence      1, 2, 3, … per aggregate, without gaps, in the order the changes were committed
 * @param data          the type-specific facts
 */
@JsonPropertyOrder({"eventId", "type", "schemaVersion", "occurredAt", "batchId", "streamKey", "sequence", "data"})
public record EventEnvelope(UUID eventId, String type, int schemaVersion, Instant occurredAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) UUID batchId,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String streamKey,
                            long sequence, JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        if ((batchId == null) == (streamKey == null)) {
            throw new IllegalArgumentException("an event belongs to exactly one aggregate: batchId or streamKey");
        }
    }

    /** Wraps typed data into an envelope of an event of a batch. */
    public static <T> EventEnvelope wrap(EventType<T> type, UUID eventId, Instant occurredAt, UUID batchId,
                                         long sequence, T data) {
        return new EventEnvelope(eventId, type.name(), type.schemaVersion(), occurredAt,
                Objects.requireNonNull(batchId, "batchId"), null, sequence, EventJson.dataTree(data));
    }

    /** Wraps typed data into an envelope of an event of a switching stream. */
    public static <T> EventEnvelope wrapForStream(EventType<T> type, UUID eventId, Instant occurredAt,
                                                  String streamKey, long sequence, T data) {
        return new EventEnvelope(eventId, type.name(), type.schemaVersion(), occurredAt, null,
                Objects.requireNonNull(streamKey, "streamKey"), sequence, EventJson.dataTree(data));
    }

    /** The aggregate's key: the batch id, or the stream key. Also the Kafka record key. */
    @JsonIgnore
    public String aggregateKey() {
        return batchId != null ? batchId.toString() : streamKey;
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
