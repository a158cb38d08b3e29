package dev.sneakerqc.support.outbox;

import dev.sneakerqc.contract.CloudEventHeaders;
import dev.sneakerqc.contract.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** The Kafka record of an outbox event: keyed by aggregate, CloudEvents attributes as headers, value as stored. */
final class OutboxRecords {

    private OutboxRecords() {
    }

    static ProducerRecord<String, byte[]> toRecord(PendingEvent event, String source) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, event.eventId().toString());
        header(headers, CloudEventHeaders.TYPE, event.eventType());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.TIME, event.occurredAt().toString());
        header(headers, CloudEventHeaders.SUBJECT, event.aggregateId());
        header(headers, CloudEventHeaders.DATA_SCHEMA, EventType.schemaUrn(event.eventType(), event.schemaVersion()));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
        return new ProducerRecord<>(event.topic(), null, event.aggregateId(),
                event.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
