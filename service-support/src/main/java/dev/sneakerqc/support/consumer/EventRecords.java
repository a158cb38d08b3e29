package dev.sneakerqc.support.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.List;

/** Checks a consumed record against the event contract before anything is applied. */
public final class EventRecords {

    private EventRecords() {
    }

    /**
     * Why the record can never be applied, or null when it is a valid event of one of the {@code understood}
     * types: it must be JSON, of a type and schema version the consumer understands, valid against that schema,
     * and keyed by its own aggregate.
     */
    public static String refusalOf(ConsumerRecord<String, byte[]> record, List<EventType<?>> understood) {
        if (record.value() == null) {
            return "empty record value";
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
        if (json == null || !json.isObject()) {
            return "not an event: the value is not a JSON object";
        }
        String type = json.path("type").asText("");
        int version = json.path("schemaVersion").asInt(0);
        boolean known = understood.stream()
                .anyMatch(eventType -> eventType.name().equals(type) && eventType.schemaVersion() == version);
        if (!known) {
            return "unknown event type or schema version: '" + type + "' v" + version;
        }
        List<String> violations = EventSchemas.violations(json);
        if (!violations.isEmpty()) {
            return "invalid " + type + " v" + version + ": " + String.join("; ", violations);
        }
        String aggregate = json.hasNonNull("batchId") ? json.path("batchId").asText() : json.path("streamKey").asText();
        if (record.key() != null && !record.key().equals(aggregate)) {
            return "record key " + record.key() + " is not the event's aggregate " + aggregate;
        }
        return null;
    }
}
