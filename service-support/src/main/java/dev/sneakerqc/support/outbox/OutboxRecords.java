package dev.sneakerqc.support.outbox;

import dev.sneakerqc.contract.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** The Kafka record of an outbox event: keyed by aggregate, CloudEvents attributes as headers, value as stored. */
final class OutboxRecords {

    private OutboxRecords() {
    }

    static ProducerRecord<String, byte[]> toRecord(PendingEvent event, String source) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.of(event.eventId(), event.eventType(), event.schemaVersion(), source, event.occurredAt(),
                event.aggregateId())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(event.topic(), null, event.aggregateId(),
                event.payload().getBytes(StandardCharsets.UTF_8), headers);
    }
}
