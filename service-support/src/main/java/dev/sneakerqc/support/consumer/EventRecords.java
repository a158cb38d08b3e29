package dev.sneakerqc.support.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.contract.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** Checks a consumed record against the event contract before anything is applied, and decodes it. */
public final class EventRecords {

    /**
     * A record checked and decoded.
     *
     * @param record  the record
     * @param event   its event, null when refused
     * @param refusal why it can never be applied, null when it can
     */
    public record Decoded(ConsumerRecord<String, byte[]> record, EventEnvelope event, String refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    private EventRecords() {
    }

    /**
     * Decodes a record that is a valid event of one of the {@code understood} types: it must be JSON, of a type and
     * schema version the consumer understands, valid against that schema, and keyed by its own aggregate.
     * Otherwise the result says why not.
     */
    public static Decoded decode(ConsumerRecord<String, byte[]> record, List<EventType<?>> understood) {
        if (record.value() == null) {
            return refused(record, "empty record value");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            return refused(record, "not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            return refused(record, "not an event: the value is not a JSON object");
        }
        String type = json.path("type").asText("");
        int version = json.path("schemaVersion").asInt(0);
        boolean known = false;
        for (EventType<?> eventType : understood) {
            if (eventType.schemaVersion() == version && eventType.name().equals(type)) {
                known = true;
                break;
            }
        }
        if (!known) {
            return refused(record, "unknown event type or schema version: '" + type + "' v" + version);
        }
        List<String> violations = EventSchemas.violations(json);
        if (!violations.isEmpty()) {
            return refused(record, "invalid " + type + " v" + version + ": " + String.join("; ", violations));
        }
        String aggregate = json.hasNonNull("batchId") ? json.path("batchId").asText() : json.path("streamKey").asText();
        if (record.key() != null && !record.key().equals(aggregate)) {
            return refused(record, "record key " + record.key() + " is not the event's aggregate " + aggregate);
        }
        try {
            return new Decoded(record, envelope(json), null);
        } catch (RuntimeException e) {
            return refused(record, "not an event envelope: " + e.getMessage());
        }
    }

    /** The envelope of a schema-valid event, built on the parsed tree (its data is not copied). */
    private static EventEnvelope envelope(JsonNode json) {
        return new EventEnvelope(UUID.fromString(json.get("eventId").asText()), json.get("type").asText(),
                json.get("schemaVersion").asInt(), EventJson.parseTime(json.get("occurredAt").asText()),
                json.hasNonNull("batchId") ? UUID.fromString(json.get("batchId").asText()) : null,
                json.hasNonNull("streamKey") ? json.get("streamKey").asText() : null,
                json.get("sequence").asLong(), json.get("data"));
    }

    /** Why the record can never be applied, or null when it is a valid event of the understood types. */
    public static String refusalOf(ConsumerRecord<String, byte[]> record, List<EventType<?>> understood) {
        return decode(record, understood).refusal();
    }

    private static Decoded refused(ConsumerRecord<String, byte[]> record, String reason) {
        return new Decoded(record, null, reason);
    }
}
